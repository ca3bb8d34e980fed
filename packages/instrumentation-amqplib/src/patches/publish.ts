import {
  type AnyFunction,
  guard,
  invokeInstrumented,
  isPromiseLike,
  reportInternalError,
  whenSettled,
} from '@msgtrace/core';
import type { AmqpCall, AmqpTelemetry } from '../telemetry.js';
import { peerOf } from './peer.js';

// A confirm channel's publish calls the plain channel's publish: the inner call must not make a
// second span for the same message.
let insideConfirmPublish = 0;

const NO_REST: readonly unknown[] = [];

function prepare(
  telemetry: AmqpTelemetry,
  channel: unknown,
  args: unknown[],
  restFrom: number,
): AmqpCall | undefined {
  const [exchange, routingKey, content, options] = args;
  if (typeof exchange !== 'string' || typeof routingKey !== 'string' || !Buffer.isBuffer(content)) {
    return undefined; // amqplib rejects such calls itself, as it would uninstrumented
  }
  return telemetry.preparePublish(
    peerOf(channel),
    exchange,
    routingKey,
    content,
    options as Record<string, unknown> | undefined,
    args.length > restFrom ? args.slice(restFrom) : NO_REST,
  );
}

/**
 * What `invokeInstrumented` does, inlined for the hottest call msgtrace wraps: no closures, no
 * observer object per message. `prepare` runs guarded (a throw: the original gets the caller's
 * own arguments); the original's result and errors reach the caller unchanged; `onSuccess` /
 * `onError` run guarded. An unobserved call (an unsampled span, no metrics) is only the original.
 */
function callPrepared(
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
  telemetry: AmqpTelemetry,
): unknown {
  let call: AmqpCall | undefined;
  try {
    call = prepare(telemetry, thisArg, args, 4);
  } catch (error) {
    reportInternalError('amqplib publish (before the call)', error);
  }
  if (!call) return original.apply(thisArg, args);
  const callArgs = call.args ?? args;
  const { onSuccess, onError } = call;
  if (!onSuccess && !onError) return original.apply(thisArg, callArgs);
  let result: unknown;
  try {
    result = original.apply(thisArg, callArgs);
  } catch (error) {
    if (onError) guard('amqplib publish (after the call)', () => onError(error));
    throw error;
  }
  // amqplib's publish answers a boolean; anything else is settled as invokeInstrumented would.
  if (isPromiseLike(result)) {
    return whenSettled('amqplib publish (after the call)', () => result, {
      onValue: onSuccess ? (value) => onSuccess(value) ?? undefined : undefined,
      onError,
    });
  }
  if (onSuccess) {
    try {
      const replaced = onSuccess(result);
      if (replaced !== undefined) return replaced;
    } catch (error) {
      reportInternalError('amqplib publish (after the call)', error);
    }
  }
  return result;
}

/** `Channel#publish` (and so `sendToQueue`): a `publish` span per message, ended at once. */
export function wrapPublish(
  original: AnyFunction,
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  return function publish(this: unknown, ...args: unknown[]) {
    if (!active() || insideConfirmPublish > 0) return original.apply(this, args);
    return callPrepared(original, this, args, telemetry);
  };
}

/** Why a confirm channel's publish span failed: the broker said no. */
export class PublishNacked extends Error {
  override name = 'PublishNacked';
}

/**
 * `ConfirmChannel#publish`: the span ends when the broker confirms (ack) or refuses (nack, an
 * error). The caller's callback, if any, is called exactly as amqplib would call it.
 */
export function wrapConfirmPublish(
  original: AnyFunction,
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  const marked = function (this: unknown, ...args: unknown[]) {
    insideConfirmPublish++;
    try {
      return original.apply(this, args);
    } finally {
      insideConfirmPublish--;
    }
  };
  return function publish(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented('amqplib confirm publish', marked, this, args, () => {
      const call = prepare(telemetry, this, args, 5);
      if (!call?.args) return undefined;
      const callback = args[4];
      const confirmed = (error: unknown, ok: unknown) => {
        guard('amqplib publish confirm', () => {
          if (error) call.onError?.(new PublishNacked(String((error as Error)?.message ?? error)));
          else call.onSuccess?.(undefined);
        });
        if (typeof callback === 'function') callback(error, ok);
      };
      const [exchange, routingKey, content, options, ...rest] = call.args;
      // The span ends when the broker answers, not when publish returns.
      return {
        args: [exchange, routingKey, content, options, confirmed, ...rest],
        ...(call.onError ? { onError: call.onError } : {}),
      };
    });
  };
}
