import { type AnyFunction, guard, invokeInstrumented } from '@msgtrace/core';
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

/** `Channel#publish` (and so `sendToQueue`): a `publish` span per message, ended at once. */
export function wrapPublish(
  original: AnyFunction,
  telemetry: AmqpTelemetry,
  active: () => boolean,
): AnyFunction {
  return function publish(this: unknown, ...args: unknown[]) {
    if (!active() || insideConfirmPublish > 0) return original.apply(this, args);
    return invokeInstrumented('amqplib publish', original, this, args, () =>
      prepare(telemetry, this, args, 4),
    );
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
