import { processWide } from '@msgtrace/core';
import type { Context } from '@opentelemetry/api';
import type { ConsumerInfo } from './describe.js';
import type { KafkaTelemetry } from './telemetry.js';
import type { ConsumedMessage } from './types.js';

/** What `processMessage` needs to know about a message handed to `eachBatch`. */
export interface BatchMessageInfo {
  consumer: ConsumerInfo;
  topic: string;
  partition: number;
  creation: Context | undefined;
}

interface SharedState {
  telemetry: KafkaTelemetry | undefined;
  batchMessages: WeakMap<ConsumedMessage, BatchMessageInfo>;
}

// Process-wide so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
export function sharedState(): SharedState {
  return processWide(
    'msgtrace.instrumentation-kafkajs.state',
    (): SharedState => ({ telemetry: undefined, batchMessages: new WeakMap() }),
  );
}
