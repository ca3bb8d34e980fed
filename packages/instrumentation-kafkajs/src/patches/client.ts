import { guard } from '@msgtrace/core';
import type {
  ClientInfo,
  ClientInfoSource,
  ConsumerInfo,
  KafkaClass,
} from '@msgtrace/kafka-shared';
import { clientInfoFrom, consumerGroupOf } from '../describe.js';
import { clusterIdReader, watchClusters } from './cluster-id.js';

// Options are only ever seen by the constructor; remembered per client so the producers and
// consumers it makes can name their client id and server.
const clientInfos = new WeakMap<object, ClientInfo>();
const proxies = new WeakSet<object>();

function clientInfoOf(client: unknown): ClientInfo {
  return (client && typeof client === 'object' && clientInfos.get(client)) || {};
}

/** The client's info, and a reader of the cluster id of the producer or consumer just made. */
function withClusterId(client: unknown): ClientInfo {
  const info = clientInfoOf(client);
  const clusterId = clusterIdReader(client);
  return clusterId ? { ...info, clusterId } : info;
}

/** What kafkajs's producers and consumers are, from their client and `consumer({ groupId })`. */
export const KAFKAJS_CLIENT_INFO: ClientInfoSource = {
  producer: (client) => withClusterId(client),
  consumer: (client, args): ConsumerInfo => {
    const groupId = consumerGroupOf(args);
    return { ...withClusterId(client), ...(groupId ? { groupId } : {}) };
  },
};

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
