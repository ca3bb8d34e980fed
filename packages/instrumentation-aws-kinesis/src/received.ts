import { processWide } from '@msgtrace/core';

/** What the receive path learned about a record it handed to the application. */
export interface TrackedRecord {
  /** The carrier read from the record's body, before it was stripped. */
  carrier: Record<string, string> | undefined;
  streamName: string | undefined;
  shardId: string | undefined;
}

/**
 * Records returned by an instrumented `GetRecords`, for `processRecord`: their bodies no longer
 * carry our key by the time the application has them. Process-wide so the CommonJS copy the
 * register entry loads and an ES module copy the application imports `processRecord` from share
 * them; keyed by the records handed to the application, so nothing leaks.
 */
export function receivedRecords(): WeakMap<object, TrackedRecord> {
  return processWide(
    'msgtrace.instrumentation-aws-kinesis.received',
    () => new WeakMap<object, TrackedRecord>(),
  );
}
