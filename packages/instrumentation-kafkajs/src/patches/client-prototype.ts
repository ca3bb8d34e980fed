import { guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { ClientInfo } from '../client-info.js';
import type { KafkaTelemetry } from '../telemetry.js';
import { clientInfoOf, type KafkaClass } from './client.js';
import { clusterIdReader } from './cluster-id.js';
import { instrumentConsumer } from './consumer.js';
import { instrumentProducer } from './producer.js';

/**
 * Wraps `Kafka.prototype.producer` and `.consumer` so every producer and consumer a client makes
 * is instrumented as it is created.
 */
export function instrumentClientPrototype(
  Kafka: KafkaClass,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  wrapMethod(
    Kafka.prototype,
    'producer',
    (original) =>
      function producer(this: unknown, ...args: unknown[]) {
        const made = original.apply(this, args);
        if (active()) {
          guard('kafkajs producer', () =>
            instrumentProducer(made, withClusterId(clientInfoOf(this), this), telemetry, active),
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
        if (active()) {
          guard('kafkajs consumer', () => {
            const { groupId } = (args[0] ?? {}) as { groupId?: unknown };
            const info = {
              ...withClusterId(clientInfoOf(this), this),
              ...(typeof groupId === 'string' ? { groupId } : {}),
            };
            instrumentConsumer(made, info, telemetry, active);
          });
        }
        return made;
      },
  );
}

/** The client's info, and a reader of the cluster id of the producer or consumer just made. */
function withClusterId(info: ClientInfo, client: unknown): ClientInfo {
  const clusterId = clusterIdReader(client);
  return clusterId ? { ...info, clusterId } : info;
}

/** Puts the original `producer` / `consumer` back: what `disable()` promises. */
export function restoreClientPrototype(Kafka: KafkaClass): void {
  unwrapMethod(Kafka.prototype, 'producer');
  unwrapMethod(Kafka.prototype, 'consumer');
}
