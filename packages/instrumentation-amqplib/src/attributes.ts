/**
 * The attribute names this package adds beyond the semantic conventions (those are in
 * `@msgtrace/core`'s `semconv.ts`), under msgtrace's own namespace.
 */

/** Whether the broker delivered this message before. */
export const ATTR_MSGTRACE_REDELIVERED = 'msgtrace.rabbitmq.redelivered';
/** The consumer tag the delivery came through. */
export const ATTR_MSGTRACE_CONSUMER_TAG = 'msgtrace.rabbitmq.consumer_tag';
/** How the message was settled (see the README). */
export const ATTR_MSGTRACE_SETTLEMENT = 'msgtrace.rabbitmq.settlement';
/** Whether a nack or reject asked for the message back. */
export const ATTR_MSGTRACE_REQUEUE = 'msgtrace.rabbitmq.requeue';
