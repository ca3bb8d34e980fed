import {
  ATTR_AWS_REQUEST_ID,
  type AwsCall,
  type MessagingTelemetry,
  requestIdOf,
  type StartedOperation,
} from '@msgtrace/core';
import type { AwsSqsInstrumentationConfig } from '../types.js';

/** A command's input, as the middleware hands it over. */
export type SqsInput = Record<string, unknown>;

/** What the middleware does around one SQS call. */
export type SqsCall = AwsCall;

/** What the per-operation modules need of the package's telemetry. */
export type SqsTelemetrySource = MessagingTelemetry<AwsSqsInstrumentationConfig>;

/** The request id of the answer (or of the error) on the operation's span. */
export function setRequestId(operation: StartedOperation, output: unknown, error: unknown): void {
  const requestId = requestIdOf(output) ?? requestIdOf(error);
  if (requestId) operation.span.setAttribute(ATTR_AWS_REQUEST_ID, requestId);
}
