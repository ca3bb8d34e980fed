import { telemetrySlot } from '@msgtrace/core';
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
 * own span, a child of its producer in `child` mode, a link in `link` mode). The span ends when
 * `work` returns or its promise settles; context survives `await` and `Promise.all`.
 *
 * ```ts
 * await consumer.run({
 *   eachBatch: async ({ batch }) => {
 *     await Promise.all(batch.messages.map((message) => processMessage(message, () => handle(message))));
 *   },
 * });
 * ```
 *
 * Without an enabled instrumentation it simply runs `work`.
 */
export function processMessage<T>(
  message: ConsumedMessage,
  work: () => T,
  options: ProcessMessageOptions = {},
): T {
  const telemetry = slot.current;
  if (!telemetry || !message || typeof message !== 'object') return work();
  const known = batchMessages().get(message);
  if (known) {
    return telemetry.processOne(
      known.consumer,
      known.topic,
      known.partition,
      message,
      known.creation,
      true,
      work,
    );
  }
  return telemetry.processOne(
    {},
    options.topic,
    options.partition,
    message,
    telemetry.creationOf(message),
    false,
    work,
  );
}
