import { type AnyFunction, invokeInstrumented, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { KafkaHooks } from '@msgtrace/kafka-shared';
import { PRODUCE } from '../describe.js';
import { insideKafkaJsApi } from '../layer.js';
import { type RdKafkaClass, rdKafkaInfoOf } from './rdkafka-classes.js';

/**
 * Wraps `Producer.prototype.produce`: one `send {topic}` span per call, whose context goes into a
 * copy of the headers list. `produce` only queues the message (librdkafka sends it and reports
 * delivery later, through `delivery-report` events), so the span covers the call. A produce the
 * KafkaJS API makes for its own `send` is left alone: that send has its span already.
 */
export function instrumentRdKafkaProducer(Producer: RdKafkaClass, hooks: KafkaHooks): void {
  const { telemetry, active } = hooks;
  wrapMethod(
    Producer.prototype as Record<string, AnyFunction>,
    'produce',
    (original) =>
      function produce(this: unknown, ...args: unknown[]) {
        if (!active() || insideKafkaJsApi()) return original.apply(this, args);
        return invokeInstrumented('confluent-kafka produce', original, this, args, (callArgs) => {
          const call = telemetry.prepareSend(rdKafkaInfoOf(this), PRODUCE, [callArgs]);
          return call && { ...call, args: call.args?.[0] as unknown[] };
        });
      },
  );
}

export function restoreRdKafkaProducer(Producer: RdKafkaClass): void {
  unwrapMethod(Producer.prototype as Record<string, AnyFunction>, 'produce');
}
