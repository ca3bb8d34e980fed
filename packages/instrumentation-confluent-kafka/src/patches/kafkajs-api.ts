import { guard } from '@msgtrace/core';
import type { ClientInfoSource, ConsumerInfo, KafkaClass } from '@msgtrace/kafka-shared';
import { confluentClientInfo } from '../describe.js';

/** `lib/kafkajs/_kafka.js`'s exports: the KafkaJS-API `Kafka` class among others. */
export interface KafkaJsApiExports {
  Kafka: KafkaClass;
}

// The common config each client was made with: the client keeps it in a private field.
const commonConfigs = new WeakMap<object, unknown>();
const proxies = new WeakSet<object>();

function commonConfigOf(client: unknown): unknown {
  return client && typeof client === 'object' ? commonConfigs.get(client) : undefined;
}

/** Producers and consumers are what their client's config and their own say, merged. */
export const KAFKAJS_API_CLIENT_INFO: ClientInfoSource = {
  producer: (client, args) => {
    const { groupId: _, ...info } = confluentClientInfo(commonConfigOf(client), args[0]);
    return info;
  },
  consumer: (client, args): ConsumerInfo => confluentClientInfo(commonConfigOf(client), args[0]),
};

/**
 * The KafkaJS-API `Kafka` class behind a transparent proxy that remembers each new client's
 * config. It stays in place after `disable()` (module exports cannot be taken back from code that
 * holds them), doing nothing but construct.
 */
export function proxyKafkaJsApiClass<K extends KafkaClass>(Kafka: K, active: () => boolean): K {
  if (proxies.has(Kafka)) return Kafka;
  const proxy = new Proxy(Kafka, {
    construct(target, args, newTarget) {
      const client = Reflect.construct(target, args, newTarget) as object;
      if (active())
        guard('confluent-kafka client config', () => commonConfigs.set(client, args[0]));
      return client;
    },
  });
  proxies.add(proxy);
  return proxy;
}
