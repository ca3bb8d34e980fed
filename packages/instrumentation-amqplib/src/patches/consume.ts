import {
  type AnyFunction,
  invokeInstrumented,
  reportInternalError,
  runSettled,
} from '@msgtrace/core';
import { context } from '@opentelemetry/api';
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
    let started: ReturnType<AmqpTelemetry['startDelivery']> | undefined;
    try {
      started = telemetry.startDelivery(peerOf(channel), queue, message);
    } catch (error) {
      reportInternalError('amqplib delivery span', error);
    }
    if (!started) return handler.apply(this, args);
    // Nothing records and nothing waits for the settlement (an unsampled span, no metrics): the
    // handler runs in the message's context, its outcome unobserved — failing a span that records
    // nothing, or settling UNTRACKED, would do nothing.
    if (started.delivery === UNTRACKED) {
      return context.with(started.context, () => handler.apply(this, args));
    }
    // Tracked before the handler runs: it may ack synchronously.
    if (!noAck) {
      track(channel, message.fields.deliveryTag, started.delivery, telemetry.settleTimeoutMs());
    }
    const { span, delivery } = started;
    return runSettled(
      'amqplib consumer handler',
      started.context,
      () => handler.apply(this, args),
      (error, failed) => {
        if (failed) telemetry.handlerFailed(span, error);
        // With noAck the broker settled the message on delivery; processing ends with the handler.
        if (noAck) delivery.settle('auto-ack');
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
