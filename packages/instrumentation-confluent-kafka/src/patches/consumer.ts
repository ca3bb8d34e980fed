import { type AnyFunction, guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import { type KafkaHooks, type PulledMessage, recordPull } from '@msgtrace/kafka-shared';
import { context } from '@opentelemetry/api';
import { isRdKafkaMessage, messageView } from '../describe.js';
import { insideKafkaJsApi, KAFKAJS_LAYER } from '../layer.js';
import type { RdKafkaMessage } from '../types.js';
import { type RdKafkaClass, rdKafkaInfoOf } from './rdkafka-classes.js';

type Methods = Record<string, AnyFunction>;
type Emitter = { listenerCount?: (event: string) => number };

// Messages a `data` listener already saw under a process span, which counted them.
const processed = new WeakSet<RdKafkaMessage>();

/**
 * `data` events: each message's listeners run under its `process {topic}` span (child of the
 * producer's send, or linked to it in link mode). Only when someone listens: the KafkaJS API's
 * own consumer never does.
 */
function wrapEmit(original: AnyFunction, hooks: KafkaHooks): AnyFunction {
  const { telemetry, active } = hooks;
  return function emit(this: Emitter, ...args: unknown[]) {
    const [event, message] = args;
    if (
      event !== 'data' ||
      !active() ||
      !isRdKafkaMessage(message) ||
      !(this.listenerCount?.('data') ?? 0)
    ) {
      return original.apply(this, args);
    }
    processed.add(message);
    const item = {
      message: messageView(message),
      consumer: rdKafkaInfoOf(this),
      topic: message.topic,
      partition: message.partition,
    };
    return context.with(KAFKAJS_LAYER.leave(context.active()), () =>
      telemetry.processOne(item, () => original.apply(this, args)),
    );
  };
}

/**
 * `consume(n, cb)`: when the callback gets messages, one `receive` span from the call on, linked
 * to every message; the callback runs in the caller's context. `consume(cb)` (the flowing loop)
 * and calls from inside the KafkaJS API pass through: their messages get spans through `data`
 * events, `eachMessage` / `eachBatch`, or `processMessage`.
 */
function wrapConsume(original: AnyFunction, hooks: KafkaHooks): AnyFunction {
  const { telemetry, active } = hooks;
  return function consume(this: unknown, ...args: unknown[]) {
    const [count, callback] = args;
    if (
      !active() ||
      typeof count !== 'number' ||
      count <= 0 ||
      typeof callback !== 'function' ||
      insideKafkaJsApi()
    ) {
      return original.apply(this, args);
    }
    const caller = context.active();
    const timing = { startTime: Date.now(), startedAt: performance.now() };
    const consumer = rdKafkaInfoOf(this);
    const received = function received(this: unknown, ...results: unknown[]) {
      const [error, messages] = results;
      if (!error && Array.isArray(messages) && messages.length > 0) {
        guard('confluent-kafka consume', () => {
          const pulled: PulledMessage[] = messages.filter(isRdKafkaMessage).map((message) => ({
            topic: message.topic,
            partition: message.partition,
            message: messageView(message),
            uncounted: !processed.has(message),
          }));
          context.with(caller, () => recordPull(telemetry, consumer, pulled, timing));
        });
      }
      return context.with(caller, () => (callback as AnyFunction).apply(this, results));
    };
    return original.apply(this, [count, received, ...args.slice(2)]);
  };
}

export function instrumentRdKafkaConsumer(KafkaConsumer: RdKafkaClass, hooks: KafkaHooks): void {
  const prototype = KafkaConsumer.prototype as Methods;
  wrapMethod(prototype, 'consume', (original) => wrapConsume(original, hooks));
  wrapMethod(prototype, 'emit', (original) => wrapEmit(original, hooks));
}

export function restoreRdKafkaConsumer(KafkaConsumer: RdKafkaClass): void {
  const prototype = KafkaConsumer.prototype as Methods;
  unwrapMethod(prototype, 'consume');
  unwrapMethod(prototype, 'emit');
}
