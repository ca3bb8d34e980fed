import { processInMessageContext, telemetrySlot } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import type { AmqpTelemetry } from './telemetry.js';
import type { AmqpMessage } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<AmqpTelemetry>(PACKAGE_NAME);

/** Options of {@link processMessage}. */
export interface ProcessMessageOptions {
  /** The queue the message came from, to name the span. */
  queue?: string;
}

/**
 * Runs `work` in one message's context under its own `process {queue}` span: for a message taken
 * with `get` (whose `receive` span links to it and counted it) or handled away from the consume
 * callback. Pass the queue it came from (`{ queue }`) to name the span. Child or link mode as
 * configured; the consumer hook sees the span; the span ends, and the process duration is
 * recorded, when `work` returns or its promise settles.
 *
 * Without an enabled instrumentation it simply runs `work`, with no span.
 */
export function processMessage<T>(
  message: AmqpMessage,
  work: (span: Span | undefined) => T,
  options: ProcessMessageOptions = {},
): T {
  const telemetry = slot.current;
  if (!telemetry || !message || typeof message !== 'object' || !message.fields) {
    return work(undefined);
  }
  return processInMessageContext(
    'amqplib processMessage',
    () => telemetry.messageProcessing(message, options?.queue ?? ''),
    work,
  );
}
