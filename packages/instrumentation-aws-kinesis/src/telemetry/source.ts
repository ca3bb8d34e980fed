import {
  ATTR_AWS_REQUEST_ID,
  type MessagingTelemetry,
  requestIdOf,
  type StartedOperation,
} from '@msgtrace/core';
import type { AwsKinesisInstrumentationConfig } from '../types.js';

/** What the per-operation modules need of the package's telemetry. */
export type KinesisTelemetrySource = MessagingTelemetry<AwsKinesisInstrumentationConfig>;

/** The request id of an answer or error on the operation's span, when it records. */
export function setRequestId(operation: StartedOperation, value: unknown): void {
  const id = requestIdOf(value);
  if (id) operation.span.setAttribute(ATTR_AWS_REQUEST_ID, id);
}
