import { type PathwayRef, processWide } from '@msgtrace/core';
import type { Context } from '@opentelemetry/api';
import type { ConsumerInfo } from './client-info.js';
import type { ConsumedMessage } from './types.js';

/** What `processMessage` needs to know about a message handed to `eachBatch`. */
export interface BatchMessageInfo {
  consumer: ConsumerInfo;
  topic: string;
  partition: number;
  creation: Context | undefined;
  /** Its pathway, recorded when the batch started. */
  pathway: PathwayRef | undefined;
}

/**
 * The messages `eachBatch` handed to the application, so `processMessage` finds their topic,
 * partition and creation context without the caller passing them. Process-wide so the CommonJS
 * copy the register entry loads and an ES module copy the application imports `processMessage`
 * from (of either Kafka client package) share them; keyed by the client's own message objects, so nothing leaks.
 */
export function batchMessages(): WeakMap<ConsumedMessage, BatchMessageInfo> {
  return processWide(
    'msgtrace.kafka-shared.batch-messages',
    () => new WeakMap<ConsumedMessage, BatchMessageInfo>(),
  );
}
