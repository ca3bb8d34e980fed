import {
  ATTR_MESSAGING_CLIENT_ID,
  ATTR_MESSAGING_OPERATION_NAME,
  MESSAGING_SYSTEM_KAFKA,
  recordError,
  setSystemAttribute,
} from '@msgtrace/core';
import { type Attributes, type SpanContext, SpanKind } from '@opentelemetry/api';
import { addClusterId, type ClientInfo } from './client-info.js';
import type { KafkaCall, KafkaTelemetry } from './telemetry.js';

/**
 * A `commit` or `abort` span for a transaction, linked to the send spans made in it, so the
 * outcome of every transactional message can be found from its trace.
 */
export function prepareTransactionEnd(
  telemetry: KafkaTelemetry,
  outcome: 'commit' | 'abort',
  client: ClientInfo,
  sends: readonly SpanContext[],
): KafkaCall {
  const semconv = telemetry.semconv();
  const attributes: Attributes = { [ATTR_MESSAGING_OPERATION_NAME]: outcome };
  setSystemAttribute(attributes, semconv, MESSAGING_SYSTEM_KAFKA);
  if (client.clientId) attributes[ATTR_MESSAGING_CLIENT_ID] = client.clientId;
  addClusterId(attributes, client, semconv);
  const span = telemetry.tracer().startSpan(outcome, {
    kind: SpanKind.CLIENT,
    attributes,
    links: sends.map((spanContext) => ({ context: spanContext })),
  });
  return {
    onSuccess: () => span.end(),
    onError: (error) => {
      recordError(span, error);
      span.end();
    },
  };
}
