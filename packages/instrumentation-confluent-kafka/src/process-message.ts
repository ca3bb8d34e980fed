import { telemetrySlot } from '@msgtrace/core';
import {
  type ConsumedMessage,
  type KafkaTelemetry,
  type ProcessMessageOptions,
  processMessageWith,
} from '@msgtrace/kafka-shared';
import type { Span } from '@opentelemetry/api';
import { isRdKafkaMessage, messageView } from './describe.js';
import type { RdKafkaMessage } from './types.js';
import { PACKAGE_NAME } from './version.js';

export type { ProcessMessageOptions } from '@msgtrace/kafka-shared';

const slot = telemetrySlot<KafkaTelemetry>(PACKAGE_NAME);

/**
 * Runs `work` in one message's context under its own `process {topic}` span: for work per
 * message inside `eachBatch` (KafkaJS API) or after `consume(n, cb)` (rdkafka API), whose spans
 * link to every message. The span is a child of the message's producer in `child` mode, a link in
 * `link` mode. `work` gets the span (undefined without an enabled instrumentation, when it simply
 * runs); it ends when `work` returns or its promise settles, and context survives `await` and
 * `Promise.all`.
 *
 * ```ts
 * consumer.consume(100, (error, messages) => {
 *   for (const message of messages ?? []) processMessage(message, () => handle(message));
 * });
 * ```
 *
 * An rdkafka message names its own topic and partition. A message `eachBatch` or `consume(n, cb)`
 * delivered was counted and aged there; any other is counted here.
 */
export function processMessage<T>(
  message: ConsumedMessage | RdKafkaMessage,
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  const telemetry = slot.current;
  if (telemetry && isRdKafkaMessage(message)) {
    return processMessageWith(telemetry, messageView(message), work, {
      topic: message.topic,
      partition: message.partition,
      ...options,
    });
  }
  return processMessageWith(telemetry, message as ConsumedMessage, work, options);
}
