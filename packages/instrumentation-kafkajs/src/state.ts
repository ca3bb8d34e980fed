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

// On globalThis so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
const KEY = Symbol.for('msgtrace.instrumentation-kafkajs.state');

export function sharedState(): SharedState {
  const holder = globalThis as { [KEY]?: SharedState };
  holder[KEY] ??= { telemetry: undefined, batchMessages: new WeakMap() };
  return holder[KEY];
}
