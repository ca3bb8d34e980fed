import { type AnyFunction, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { AmqpTelemetry } from '../telemetry.js';
import { wrapConsume } from './consume.js';
import { wrapGet } from './get.js';
import { wrapConfirmPublish, wrapPublish } from './publish.js';
import { wrapSettle } from './settle.js';

type Methods = Record<string, AnyFunction>;

/** `lib/channel_model.js` (promise API) or `lib/callback_model.js` (callback API) exports. */
export interface ChannelModule {
  Channel?: { prototype: Methods };
  ConfirmChannel?: { prototype: Methods };
}

const SETTLE_METHODS = ['ack', 'nack', 'reject', 'ackAll', 'nackAll'] as const;

/** Instruments the channel classes of one amqplib API module. */
export function instrumentChannelModule(
  module: ChannelModule,
  api: 'promise' | 'callback',
  telemetry: AmqpTelemetry,
  active: () => boolean,
): ChannelModule {
  const channel = module.Channel?.prototype;
  if (channel) {
    wrapMethod(channel, 'publish', (original) => wrapPublish(original, telemetry, active));
    wrapMethod(channel, 'consume', (original) => wrapConsume(original, telemetry, active));
    wrapMethod(channel, 'get', (original) => wrapGet(original, api, telemetry, active));
    for (const method of SETTLE_METHODS) {
      wrapMethod(channel, method, (original) => wrapSettle(original, method, active));
    }
  }
  const confirm = module.ConfirmChannel?.prototype;
  if (confirm && Object.hasOwn(confirm, 'publish')) {
    wrapMethod(confirm, 'publish', (original) => wrapConfirmPublish(original, telemetry, active));
  }
  return module;
}

/** Puts every original method back. */
export function restoreChannelModule(module: ChannelModule): void {
  const channel = module.Channel?.prototype;
  if (channel) {
    for (const method of ['publish', 'consume', 'get', ...SETTLE_METHODS])
      unwrapMethod(channel, method);
  }
  const confirm = module.ConfirmChannel?.prototype;
  if (confirm) unwrapMethod(confirm, 'publish');
}
