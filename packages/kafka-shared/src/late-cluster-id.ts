import type { MessagingSemconv, StartedOperation } from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';
import { addClusterId, type ClientInfo } from './client-info.js';

/**
 * The cluster id on a send span that started before the client had loaded metadata (a producer's
 * first send loads it), once the send has completed.
 */
export function lateClusterId(
  operation: StartedOperation,
  client: ClientInfo,
  semconv: MessagingSemconv,
): void {
  const { span } = operation;
  const known = operation.operation.recordedAttributes?.[semconv.names.kafkaClusterId];
  if (!span.isRecording() || known !== undefined) return;
  const attributes: Attributes = {};
  addClusterId(attributes, client, semconv);
  if (Object.keys(attributes).length > 0) span.setAttributes(attributes);
}
