import { guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { ClientInfo, ConsumerInfo } from '../client-info.js';
import { instrumentConsumer } from './consumer.js';
import type { KafkaHooks } from './hooks.js';
import { instrumentProducer } from './producer.js';

/** A KafkaJS-API client class (kafkajs's `Kafka`, Confluent's `KafkaJS.Kafka`), as far as msgtrace touches it. */
export interface KafkaClass {
  new (...args: never[]): object;
  prototype: {
    producer: (...args: unknown[]) => unknown;
    consumer: (...args: unknown[]) => unknown;
  };
}

/**
 * What a client package knows about the producers and consumers its client makes, from the
 * client (`this`) and the arguments of `producer(...)` / `consumer(...)`.
 */
export interface ClientInfoSource {
  producer(client: unknown, args: unknown[]): ClientInfo;
  consumer(client: unknown, args: unknown[]): ConsumerInfo;
}

/**
 * Wraps `Kafka.prototype.producer` and `.consumer` so every producer and consumer a client makes
 * is instrumented as it is created.
 */
export function instrumentClientFactories(
  Kafka: KafkaClass,
  info: ClientInfoSource,
  hooks: KafkaHooks,
): void {
  const { label } = hooks.telemetry;
  wrapMethod(
    Kafka.prototype,
    'producer',
    (original) =>
      function producer(this: unknown, ...args: unknown[]) {
        const made = original.apply(this, args);
        if (hooks.active()) {
          guard(`${label} producer`, () =>
            instrumentProducer(made, info.producer(this, args), hooks),
          );
        }
        return made;
      },
  );
  wrapMethod(
    Kafka.prototype,
    'consumer',
    (original) =>
      function consumer(this: unknown, ...args: unknown[]) {
        const made = original.apply(this, args);
        if (hooks.active()) {
          guard(`${label} consumer`, () =>
            instrumentConsumer(made, info.consumer(this, args), hooks),
          );
        }
        return made;
      },
  );
}

/** Puts the original `producer` / `consumer` back: what `disable()` promises. */
export function restoreClientFactories(Kafka: KafkaClass): void {
  unwrapMethod(Kafka.prototype, 'producer');
  unwrapMethod(Kafka.prototype, 'consumer');
}
