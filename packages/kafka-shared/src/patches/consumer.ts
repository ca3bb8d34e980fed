import { type AnyFunction, invokeInstrumented } from '@msgtrace/core';
import { context } from '@opentelemetry/api';
import type { ConsumerInfo } from '../client-info.js';
import type { ConsumedMessage } from '../types.js';
import type { KafkaHooks } from './hooks.js';

interface EachMessagePayload {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

interface EachBatchPayload {
  batch: { topic: string; partition: number; messages: ConsumedMessage[] };
}

/** Runs `work` outside the client's own layer (see {@link KafkaHooks.layer}). */
function outside<T>(hooks: KafkaHooks, work: () => T): T {
  const { layer } = hooks;
  return layer ? context.with(layer.leave(context.active()), work) : work();
}

function wrapEachMessage(
  handler: AnyFunction,
  consumer: ConsumerInfo,
  hooks: KafkaHooks,
): AnyFunction {
  const { telemetry, active } = hooks;
  return function instrumentedEachMessage(this: unknown, ...args: unknown[]) {
    const payload = args[0] as EachMessagePayload | undefined;
    if (!active() || !payload || typeof payload !== 'object' || !payload.message) {
      return handler.apply(this, args);
    }
    const { topic, partition, message } = payload;
    return outside(hooks, () =>
      telemetry.processOne({ message, consumer, topic, partition }, () =>
        handler.apply(this, args),
      ),
    );
  };
}

function wrapEachBatch(
  handler: AnyFunction,
  consumer: ConsumerInfo,
  hooks: KafkaHooks,
): AnyFunction {
  const { telemetry, active } = hooks;
  return function instrumentedEachBatch(this: unknown, ...args: unknown[]) {
    const batch = (args[0] as EachBatchPayload | undefined)?.batch;
    if (!active() || !batch || !Array.isArray(batch.messages)) return handler.apply(this, args);
    return outside(hooks, () =>
      telemetry.processBatch(consumer, batch.topic, batch.partition, batch.messages, () =>
        handler.apply(this, args),
      ),
    );
  };
}

/**
 * Instruments one consumer the client made: `run` receives a copy of the caller's config whose
 * `eachMessage` / `eachBatch` run under msgtrace's spans; everything else passes through.
 */
export function instrumentConsumer(consumer: unknown, info: ConsumerInfo, hooks: KafkaHooks): void {
  if (!consumer || typeof consumer !== 'object') return;
  const target = consumer as Record<string, unknown>;
  const run = target.run;
  if (typeof run !== 'function') return;
  target.run = function instrumentedRun(this: unknown, ...args: unknown[]) {
    if (!hooks.active()) return (run as AnyFunction).apply(this, args);
    return invokeInstrumented(
      `${hooks.telemetry.label} consumer.run`,
      run as AnyFunction,
      this,
      args,
      ([config, ...rest]) => {
        if (!config || typeof config !== 'object') return undefined;
        const { eachMessage, eachBatch } = config as { eachMessage?: unknown; eachBatch?: unknown };
        const copy: Record<string, unknown> = { ...(config as object) };
        if (typeof eachMessage === 'function') {
          copy.eachMessage = wrapEachMessage(eachMessage as AnyFunction, info, hooks);
        }
        if (typeof eachBatch === 'function') {
          copy.eachBatch = wrapEachBatch(eachBatch as AnyFunction, info, hooks);
        }
        return {
          args: [copy, ...rest],
          ...(hooks.layer ? { context: hooks.layer.enter(context.active()) } : {}),
        };
      },
    );
  };
}
