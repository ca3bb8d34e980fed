import { resolvePropagationMode, runInMessageContext } from '@msgtrace/core';
import type { Span } from '@opentelemetry/api';
import { deliveryOperation } from './describe.js';
import { sharedState } from './state.js';
import type { AmqpMessage } from './types.js';

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
  const { telemetry, tracer } = sharedState();
  if (!telemetry || !tracer || !message || typeof message !== 'object' || !message.fields) {
    return work(undefined);
  }
  return runInMessageContext(
    {
      tracer: tracer(),
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
