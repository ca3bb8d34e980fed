import { telemetrySlot } from '@msgtrace/core';
import {
  type ConsumedMessage,
  type KafkaTelemetry,
  type ProcessMessageOptions,
  processMessageWith,
} from '@msgtrace/kafka-shared';
import type { Span } from '@opentelemetry/api';
import { PACKAGE_NAME } from './version.js';

export type { ProcessMessageOptions } from '@msgtrace/kafka-shared';

const slot = telemetrySlot<KafkaTelemetry>(PACKAGE_NAME);

/**
 * Runs `work` in one message's context under its own `process {topic}` span: for work per
 * message inside `eachBatch` (the batch's span links to every message; this gives each one its
 * own span, a child of its producer in `child` mode, a link in `link` mode). `work` gets the span
 * (undefined without an enabled instrumentation, when it simply runs). The span ends when `work`
 * returns or its promise settles; context survives `await` and `Promise.all`.
 *
 * ```ts
 * await consumer.run({
 *   eachBatch: async ({ batch }) => {
 *     await Promise.all(batch.messages.map((message) => processMessage(message, () => handle(message))));
 *   },
 * });
 * ```
 *
 * A message `eachBatch` delivered was counted and aged there; any other is counted here.
 */
export function processMessage<T>(
  message: ConsumedMessage,
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  return processMessageWith(slot.current, message, work, options);
}
