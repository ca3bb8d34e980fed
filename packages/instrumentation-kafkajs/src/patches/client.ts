import { guard } from '@msgtrace/core';
import { type ClientInfo, clientInfoFrom } from '../client-info.js';
import { watchClusters } from './cluster-id.js';

/** kafkajs's `Kafka` class, as far as msgtrace touches it. */
export interface KafkaClass {
  new (...args: never[]): object;
  prototype: {
    producer: (...args: unknown[]) => unknown;
    consumer: (...args: unknown[]) => unknown;
  };
}

// Options are only ever seen by the constructor; remembered per client so the producers and
// consumers it makes can name their client id and server.
const clientInfos = new WeakMap<object, ClientInfo>();
const proxies = new WeakSet<object>();

export function clientInfoOf(client: unknown): ClientInfo {
  return (client && typeof client === 'object' && clientInfos.get(client)) || {};
}

/**
 * The `Kafka` class behind a transparent proxy that remembers each new client's options. It
 * stays in place after `disable()` (module exports cannot be taken back from code that holds
 * them), doing nothing but construct.
 */
export function proxyKafkaClass<K extends KafkaClass>(Kafka: K, active: () => boolean): K {
  if (proxies.has(Kafka)) return Kafka;
  const proxy = new Proxy(Kafka, {
    construct(target, args, newTarget) {
      const client = Reflect.construct(target, args, newTarget) as object;
      if (active()) {
        guard('kafkajs client options', () => {
          clientInfos.set(client, clientInfoFrom(args[0]));
          watchClusters(client);
        });
      }
      return client;
    },
  });
  proxies.add(proxy);
  return proxy;
}
