import { type AnyFunction, reportInternalError } from '@msgtrace/core';
import { isTracking, settle, settleAll } from '../settlement.js';

function tagOf(message: unknown): unknown {
  return (message as { fields?: { deliveryTag?: unknown } } | undefined)?.fields?.deliveryTag;
}

/**
 * `ack`, `nack`, `reject`, `ackAll`, `nackAll`: the library call first (if it throws, the message
 * is not settled, and the error is the caller's), then the open `process` spans it settles end
 * with the outcome. amqplib requeues on nack and reject unless told `false`.
 */
export function wrapSettle(
  original: AnyFunction,
  method: 'ack' | 'nack' | 'reject' | 'ackAll' | 'nackAll',
  active: () => boolean,
): AnyFunction {
  const where = `amqplib ${method}`;
  return function settleMessage(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    // A channel with no delivery ever tracked (nothing sampled, no metrics) has nothing to end.
    if (active() && this && typeof this === 'object' && isTracking(this)) {
      try {
        switch (method) {
          case 'ack':
            settle(this, tagOf(args[0]), args[1] === true, 'ack');
            break;
          case 'nack':
            settle(this, tagOf(args[0]), args[1] === true, 'nack', args[2] !== false);
            break;
          case 'reject':
            settle(this, tagOf(args[0]), false, 'reject', args[1] !== false);
            break;
          case 'ackAll':
            settleAll(this, 'ack');
            break;
          case 'nackAll':
            settleAll(this, 'nack', args[0] !== false);
        }
      } catch (error) {
        reportInternalError(where, error);
      }
    }
    return result;
  };
}
