import type { Span } from '@opentelemetry/api';
import { batchMessages } from './received.js';
import type { KafkaTelemetry } from './telemetry.js';
import type { ConsumedMessage } from './types.js';

/** Where a message came from, for messages `processMessage` did not see arrive in `eachBatch`. */
export interface ProcessMessageOptions {
  topic?: string;
  partition?: number;
}

/**
 * Each client package's `processMessage`, given the telemetry of its enabled instrumentation
 * (undefined when there is none: `work` then simply runs). A message `eachBatch` delivered was
 * counted and aged there, and its topic, partition and creation context are known; any other is
 * counted here.
 */
export function processMessageWith<T>(
  telemetry: KafkaTelemetry | undefined,
  message: ConsumedMessage,
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  if (!telemetry || !message || typeof message !== 'object') return work(undefined);
  const known = batchMessages().get(message);
  return telemetry.processOne(
    known
      ? { ...known, message, fromBatch: known }
      : { message, consumer: {}, topic: options.topic, partition: options.partition },
    work,
  );
}
