import { resolvePropagationMode, runInMessageContext, telemetrySlot } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { deliveryOperation } from './describe.js';
import type { AmqpTelemetry } from './telemetry.js';
import type { AmqpMessage } from './types.js';
import { PACKAGE_NAME } from './version.js';

const slot = telemetrySlot<AmqpTelemetry>(PACKAGE_NAME);

/**
 * Runs `work` in one message's context under its own `process {queue}` span: for a message taken
 * with `get` (whose `receive` span links to it) or handled away from the consume callback. Pass
 * the queue it came from (`{ queue }`) to name the span. Child
 * or link mode as configured; the span ends when `work` returns or its promise settles.
 *
 * Without an enabled instrumentation it simply runs `work`.
 */
export function processMessage<T>(
  message: AmqpMessage,
  work: (span: Span | undefined) => T,
  options: { queue?: string } = {},
): T {
  const queue = options.queue ?? '';
  const telemetry = slot.current;
  if (!telemetry || !message || typeof message !== 'object' || !message.fields) {
    return work(undefined);
  }
  return runInMessageContext(
    {
      tracer: telemetry.tracer(),
      operation: deliveryOperation('process', queue, message, {}),
      creation: telemetry.creationOf(message),
      mode: resolvePropagationMode(telemetry.propagationMode(), {
        system: 'rabbitmq',
        destination: queue,
        operation: 'process',
      }),
    },
    work,
  );
}
