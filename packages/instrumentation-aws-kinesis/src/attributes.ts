/**
 * The attribute and event names this package adds (Kinesis has no messaging conventions; the
 * conventional names it uses are in `@msgtrace/core`'s `semconv.ts`), under msgtrace's namespace.
 */

/** The record's partition key. */
export const ATTR_MSGTRACE_PARTITION_KEY = 'msgtrace.kinesis.partition_key';
/** How many records of a send carry trace context in their body. */
export const ATTR_MSGTRACE_CONTEXT_INJECTED = 'msgtrace.kinesis.context_injected';
/** Why a single record went out without context (see the README). */
export const ATTR_MSGTRACE_CONTEXT_SKIPPED = 'msgtrace.kinesis.context_skipped';
/** `FailedRecordCount` of a `PutRecords` answer. */
export const ATTR_MSGTRACE_FAILED_RECORD_COUNT = 'msgtrace.kinesis.failed_record_count';
/** `MillisBehindLatest` of a `GetRecords` answer. */
export const ATTR_MSGTRACE_MILLIS_BEHIND_LATEST = 'msgtrace.kinesis.millis_behind_latest';
/** Span event of one record a `PutRecords` call could not write. */
export const EVENT_RECORD_FAILED = 'msgtrace.kinesis.record_failed';
/** Index, in the request, of the record a `record_failed` event is about. */
export const ATTR_MSGTRACE_RECORD_INDEX = 'msgtrace.kinesis.record.index';
