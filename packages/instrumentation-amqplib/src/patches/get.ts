import { guard, invokeInstrumented } from '@msgtrace/core';
import type { AmqpTelemetry } from '../telemetry.js';
import type { AmqpMessage } from '../types.js';
import { peerOf } from './peer.js';

type AnyFunction = (...args: unknown[]) => unknown;

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
    const peer = peerOf(this);
    const startTime = Date.now();
    const record = (message: unknown, error?: unknown) =>
      guard('amqplib get span', () =>
        telemetry.recordGet(
          peer,
          queue,
          startTime,
          (message as AmqpMessage | false) || false,
          error,
        ),
      );
    if (api === 'callback') {
      const callback = args[2];
      if (typeof callback !== 'function') return original.apply(this, args);
      const answered = (error: unknown, message: unknown) => {
        record(error ? false : message, error || undefined);
        return callback(error, message);
      };
      return original.apply(this, [args[0], args[1], answered, ...args.slice(3)]);
    }
    return invokeInstrumented('amqplib get', original, this, args, () => ({
      onSuccess: (message) => record(message),
      onError: (error) => record(false, error),
    }));
  };
}
