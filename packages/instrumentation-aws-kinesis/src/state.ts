import type { KinesisTelemetry } from './telemetry.js';

/** What the receive path learned about a record it handed to the application. */
export interface TrackedRecord {
  /** The carrier read from the record's body, before it was stripped. */
  carrier: Record<string, string> | undefined;
  streamName: string | undefined;
  shardId: string | undefined;
}

interface SharedState {
  telemetry: KinesisTelemetry | undefined;
  /** Records returned by an instrumented `GetRecords`, for `processRecord`. */
  records: WeakMap<object, TrackedRecord>;
}

// On globalThis so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processRecord` from see the same instrumentation and the same records.
const KEY = Symbol.for('msgtrace.instrumentation-aws-kinesis.state');

export function sharedState(): SharedState {
  const holder = globalThis as { [KEY]?: SharedState };
  holder[KEY] ??= { telemetry: undefined, records: new WeakMap() };
  return holder[KEY];
}
