/**
 * The attribute and event names this package adds beyond the semantic conventions (those are in
 * `@msgtrace/core`'s `semconv.ts`), under msgtrace's own namespace.
 */

/** Where a message's context went (`message-attributes`, `aws-trace-header`, `none`). */
export const ATTR_MSGTRACE_SQS_CONTEXT_CARRIER = 'msgtrace.sqs.context_carrier';
/** Why a message went without context (`message-too-large`, `no-attribute-slot`, …). */
export const ATTR_MSGTRACE_SQS_INJECTION_SKIPPED = 'msgtrace.sqs.injection_skipped';
/** Entries of a batch call SQS reported as failed. */
export const ATTR_MSGTRACE_SQS_FAILED_COUNT = 'msgtrace.sqs.failed_count';
/** The batch entry an event is about (its `Id` in the request). */
export const ATTR_MSGTRACE_SQS_ENTRY_ID = 'msgtrace.sqs.entry_id';
/** Whether SQS blamed the sender for a failed entry. */
export const ATTR_MSGTRACE_SQS_SENDER_FAULT = 'msgtrace.sqs.sender_fault';
/** The span event for one failed entry of a batch call. */
export const EVENT_SQS_ENTRY_FAILED = 'msgtrace.sqs.entry_failed';
/** The span event for one batch entry sent without context. */
export const EVENT_SQS_INJECTION_SKIPPED = 'msgtrace.sqs.injection_skipped';
