import { type AnyFunction, guard, invokeInstrumented, runSettled } from '@msgtrace/core';
import { track } from '../settlement.js';
import { type AmqpTelemetry, UNTRACKED } from '../telemetry.js';
import type { AmqpMessage } from '../types.js';
import { peerOf } from './peer.js';

function wrapHandler(
  handler: AnyFunction,
  channel: object,
  queue: string,
  noAck: boolean,
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  return function onMessage(this: unknown, ...args: unknown[]) {
    const message = args[0] as AmqpMessage | null;
    // null: the broker cancelled the consumer. Not a message, so no span.
    if (!active() || !message || typeof message !== 'object' || !message.fields) {
      return handler.apply(this, args);
    }
    const started = guard('amqplib delivery span', () =>
      telemetry.startDelivery(peerOf(channel), queue, message),
    );
    if (!started) return handler.apply(this, args);
    // Tracked before the handler runs: it may ack synchronously.
    if (!noAck && started.delivery !== UNTRACKED) {
      track(channel, message.fields.deliveryTag, started.delivery, telemetry.settleTimeoutMs());
    }
    return runSettled(
      'amqplib consumer handler',
      started.context,
      () => handler.apply(this, args),
      (error, failed) => {
        if (failed) telemetry.handlerFailed(started.span, error);
        // With noAck the broker settled the message on delivery; processing ends with the handler.
        if (noAck) started.delivery.settle('auto-ack');
      },
    );
  };
}

/**
 * `Channel#consume` (promise and callback API): the broker gets a wrapped copy of the caller's
 * handler; the caller's handler and options are not touched.
 */
export function wrapConsume(
  original: AnyFunction,
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  return function consume(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented('amqplib consume', original, this, args, () => {
      const [queue, handler, options] = args;
      if (
        typeof handler !== 'function' ||
        typeof queue !== 'string' ||
        !this ||
        typeof this !== 'object'
      ) {
        return undefined;
      }
      const noAck = Boolean((options as { noAck?: unknown } | undefined)?.noAck);
      const wrapped = wrapHandler(handler as AnyFunction, this, queue, noAck, telemetry, active);
      return { args: [queue, wrapped, ...args.slice(2)] };
    });
  };
}
