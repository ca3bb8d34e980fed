import { type AnyFunction, guard } from '@msgtrace/core';
import { settle, settleAll } from '../settlement.js';

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
  return function settleMessage(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (active() && this && typeof this === 'object') {
      guard(`amqplib ${method}`, () => {
        switch (method) {
          case 'ack':
            return settle(this, tagOf(args[0]), args[1] === true, 'ack');
          case 'nack':
            return settle(this, tagOf(args[0]), args[1] === true, 'nack', args[2] !== false);
          case 'reject':
            return settle(this, tagOf(args[0]), false, 'reject', args[1] !== false);
          case 'ackAll':
            return settleAll(this, 'ack');
          case 'nackAll':
            return settleAll(this, 'nack', args[0] !== false);
        }
      });
    }
    return result;
  };
}
