import { type ConsumerInfo, serverOf } from '@msgtrace/kafka-shared';

type Config = Record<string, unknown>;

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** The one configured bootstrap broker, as a list or librdkafka's comma-separated string. */
function singleServer(brokers: unknown): ConsumerInfo['server'] {
  const list = typeof brokers === 'string' ? brokers.split(',') : brokers;
  // Several brokers do not say which one served a request: only a single one is a truthful
  // server.address (the kafkajs package's rule too).
  return Array.isArray(list) && list.length === 1 ? serverOf(list[0]) : undefined;
}

/**
 * What msgtrace reads of the Confluent client's configuration, later configs overriding earlier
 * ones as the client merges them (`new KafkaJS.Kafka(common)` then `producer(config)`): the
 * KafkaJS-style block (`kafkaJS: { clientId, brokers, groupId }`) or librdkafka's properties
 * (`client.id`, `bootstrap.servers` / `metadata.broker.list`, `group.id`).
 */
export function confluentClientInfo(...configs: unknown[]): ConsumerInfo {
  let clientId: string | undefined;
  let brokers: unknown;
  let groupId: string | undefined;
  for (const config of configs) {
    if (!config || typeof config !== 'object') continue;
    const rdkafka = config as Config;
    const kafkaJs = (
      rdkafka.kafkaJS && typeof rdkafka.kafkaJS === 'object' ? rdkafka.kafkaJS : {}
    ) as Config;
    clientId = stringOf(kafkaJs.clientId) ?? stringOf(rdkafka['client.id']) ?? clientId;
    brokers =
      kafkaJs.brokers ?? rdkafka['bootstrap.servers'] ?? rdkafka['metadata.broker.list'] ?? brokers;
    groupId = stringOf(kafkaJs.groupId) ?? stringOf(rdkafka['group.id']) ?? groupId;
  }
  const info: ConsumerInfo = {};
  if (clientId) info.clientId = clientId;
  const server = singleServer(brokers);
  if (server) info.server = server;
  if (groupId) info.groupId = groupId;
  return info;
}
