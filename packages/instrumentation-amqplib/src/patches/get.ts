import { type AnyFunction, guard, invokeInstrumented } from '@msgtrace/core';
import type { AmqpTelemetry } from '../telemetry.js';
import { peerOf } from './peer.js';

/**
 * `Channel#get`: a `receive` span recorded when the answer arrives, starting when the request
 * did. The promise API settles a promise; the callback API calls its third argument.
 */
export function wrapGet(
  original: AnyFunction,
  api: 'promise' | 'callback',
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  return function get(this: unknown, ...args: unknown[]) {
    if (!active() || typeof args[0] !== 'string') return original.apply(this, args);
    const queue = args[0];
    if (api === 'promise') {
      return invokeInstrumented('amqplib get', original, this, args, () =>
        telemetry.prepareGet(peerOf(this), queue),
      );
    }
    const callback = args[2];
    if (typeof callback !== 'function') return original.apply(this, args);
    return invokeInstrumented('amqplib get', original, this, args, () => {
      const call = telemetry.prepareGet(peerOf(this), queue);
      // The callback API answers through its callback: the span is made there.
      const answered = (error: unknown, message: unknown) => {
        guard('amqplib get (after the call)', () => {
          if (error) call.onError?.(error);
          else call.onSuccess?.(message);
        });
        return callback(error, message);
      };
      return { args: [queue, args[1], answered, ...args.slice(3)] };
    });
  };
}
