import { telemetrySlot } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { batchMessages } from './received.js';
import type { KafkaTelemetry } from './telemetry.js';
import type { ConsumedMessage } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<KafkaTelemetry>(PACKAGE_NAME);

/** Where a message came from, for messages `processMessage` did not see arrive in `eachBatch`. */
export interface ProcessMessageOptions {
  topic?: string;
  partition?: number;
}

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
  const telemetry = slot.current;
  if (!telemetry || !message || typeof message !== 'object') return work(undefined);
  const known = batchMessages().get(message);
  return telemetry.processOne(
    known
      ? { ...known, message, fromBatch: known }
      : { message, consumer: {}, topic: options.topic, partition: options.partition },
    work,
  );
}
