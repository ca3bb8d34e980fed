import { type AnyFunction, invokeInstrumented } from '@msgtrace/core';
import type { ConsumerInfo } from '../client-info.js';
import type { KafkaTelemetry } from '../telemetry.js';
import type { ConsumedMessage } from '../types.js';

interface EachMessagePayload {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

interface EachBatchPayload {
  batch: { topic: string; partition: number; messages: ConsumedMessage[] };
}

function wrapEachMessage(
  handler: AnyFunction,
  consumer: ConsumerInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): AnyFunction {
  return function instrumentedEachMessage(this: unknown, ...args: unknown[]) {
    const payload = args[0] as EachMessagePayload | undefined;
    if (!active() || !payload || typeof payload !== 'object' || !payload.message) {
      return handler.apply(this, args);
    }
    const { topic, partition, message } = payload;
    return telemetry.processOne({ message, consumer, topic, partition }, () =>
      handler.apply(this, args),
    );
  };
}

function wrapEachBatch(
  handler: AnyFunction,
  consumer: ConsumerInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): AnyFunction {
  return function instrumentedEachBatch(this: unknown, ...args: unknown[]) {
    const batch = (args[0] as EachBatchPayload | undefined)?.batch;
    if (!active() || !batch || !Array.isArray(batch.messages)) return handler.apply(this, args);
    return telemetry.processBatch(consumer, batch.topic, batch.partition, batch.messages, () =>
      handler.apply(this, args),
    );
  };
}

/**
 * Instruments one consumer kafkajs made: `run` receives a copy of the caller's config whose
 * `eachMessage` / `eachBatch` run under msgtrace's spans; everything else passes through.
 */
export function instrumentConsumer(
  consumer: unknown,
  info: ConsumerInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  if (!consumer || typeof consumer !== 'object') return;
  const target = consumer as Record<string, unknown>;
  const run = target.run;
  if (typeof run !== 'function') return;
  target.run = function instrumentedRun(this: unknown, ...args: unknown[]) {
    if (!active()) return (run as AnyFunction).apply(this, args);
    return invokeInstrumented(
      'kafkajs consumer.run',
      run as AnyFunction,
      this,
      args,
      ([config, ...rest]) => {
        if (!config || typeof config !== 'object') return undefined;
        const { eachMessage, eachBatch } = config as { eachMessage?: unknown; eachBatch?: unknown };
        const copy: Record<string, unknown> = { ...(config as object) };
        if (typeof eachMessage === 'function') {
          copy.eachMessage = wrapEachMessage(eachMessage as AnyFunction, info, telemetry, active);
        }
        if (typeof eachBatch === 'function') {
          copy.eachBatch = wrapEachBatch(eachBatch as AnyFunction, info, telemetry, active);
        }
        return { args: [copy, ...rest] };
      },
    );
  };
}
