import { extractContext, extractSqsMessageContext, recordGetter } from '@msgtrace/core';
import { type Context, ROOT_CONTEXT } from '@opentelemetry/api';
import { snsEnvelopeCarrier } from '../sns-envelope.js';
import type { AwsSqsInstrumentationConfig, SqsMessage } from '../types.js';

/**
 * A message's creation context as its attributes, `AWSTraceHeader` or SNS envelope carry it.
 * Messages this instrumentation received are looked up in `receivedMessages()` instead: their
 * propagation attributes are gone by the time the application has them.
 */
export function creationOf(
  message: SqsMessage,
  config: AwsSqsInstrumentationConfig,
): Context | undefined {
  const extracted = extractSqsMessageContext(message, ROOT_CONTEXT);
  if (extracted.spanContext) return extracted.context;
  if (config.readSnsEnvelope === false) return undefined;
  const carrier = snsEnvelopeCarrier(message.Body);
  if (!carrier) return undefined;
  const fromEnvelope = extractContext(carrier, recordGetter, ROOT_CONTEXT);
  return fromEnvelope.spanContext ? fromEnvelope.context : undefined;
}
