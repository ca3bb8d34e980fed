import { processWide } from '@msgtrace/core';
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

// Process-wide so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processRecord` from see the same instrumentation and the same records.
export function sharedState(): SharedState {
  return processWide(
    'msgtrace.instrumentation-aws-kinesis.state',
    (): SharedState => ({ telemetry: undefined, records: new WeakMap() }),
  );
}
