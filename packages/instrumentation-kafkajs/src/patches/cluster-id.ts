/**
 * The Kafka cluster id, from what kafkajs already holds: every metadata response (v2 and later)
 * names the cluster, and kafkajs keeps the last one on its cluster's broker pool. msgtrace only
 * reads it there, never asks the broker for it: a producer's first send may find it not yet
 * loaded (its span then gets it when the send completes).
 */

/** kafkajs 2.x keeps its cluster factory on each client under this private symbol. */
const CREATE_CLUSTER = 'private:Kafka:createCluster';

interface KafkaJsCluster {
  brokerPool?: { metadata?: { clusterId?: unknown } | null } | null;
}

// The cluster each client made last: `producer()` and `consumer()` make one each, synchronously.
const lastCluster = new WeakMap<object, KafkaJsCluster>();

/**
 * Observes the clusters a new client makes (for its producers, consumers and admins), by
 * wrapping its own factory. What the factory returns is untouched; a kafkajs without that
 * factory just goes without a cluster id.
 */
export function watchClusters(client: object): void {
  const key = Object.getOwnPropertySymbols(client).find((s) => s.description === CREATE_CLUSTER);
  const holder = client as Record<symbol, unknown>;
  const create = key === undefined ? undefined : holder[key];
  if (key === undefined || typeof create !== 'function') return;
  holder[key] = function createCluster(this: unknown, ...args: unknown[]) {
    const cluster = create.apply(this, args);
    if (cluster && typeof cluster === 'object') lastCluster.set(client, cluster as KafkaJsCluster);
    return cluster;
  };
}

/**
 * A reader of the cluster id for the producer or consumer `client` just made, or undefined when
 * its cluster was not seen. The id is read from kafkajs's metadata until it is there, then kept
 * (a cluster's id never changes).
 */
export function clusterIdReader(client: unknown): (() => string | undefined) | undefined {
  const cluster = client && typeof client === 'object' ? lastCluster.get(client) : undefined;
  if (!cluster) return undefined;
  let known: string | undefined;
  return () => {
    if (known === undefined) {
      const id = cluster.brokerPool?.metadata?.clusterId;
      if (typeof id === 'string' && id) known = id;
    }
    return known;
  };
}
