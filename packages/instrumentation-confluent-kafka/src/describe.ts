import {
  type ConsumedMessage,
  type ConsumerInfo,
  type KafkaHeaders,
  type KafkaHeaderValue,
  type ProducerMessage,
  type SendShape,
  serverOf,
} from '@msgtrace/kafka-shared';
import type { RdKafkaHeaders, RdKafkaMessage } from './types.js';

/**
 * The Confluent client's calls as the shared Kafka model (`@msgtrace/kafka-shared`) reads them:
 * where its configuration names the client, group and broker, and the rdkafka-style API's
 * messages and headers as the KafkaJS shapes, and back. The KafkaJS API's operations are
 * described once, for both Kafka clients, in the shared model. Pure: no spans, no side effects.
 */

/**
 * A header list as one object, repeated names gathered into arrays in order (what kafkajs does).
 * Entries that are not objects are passed over; the list is never changed.
 */
export function headersRecord(headers: unknown): KafkaHeaders | undefined {
  if (!Array.isArray(headers)) return undefined;
  const record: KafkaHeaders = {};
  for (const entry of headers) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [name, value] of Object.entries(entry as Record<string, KafkaHeaderValue>)) {
      if (!Object.hasOwn(record, name)) record[name] = value;
      else {
        const known = record[name];
        record[name] = [
          ...(Array.isArray(known) ? known : [known as Buffer | string]),
          value as Buffer | string,
        ];
      }
    }
  }
  return record;
}

/** Whether `value` has the shape of a message `KafkaConsumer` delivers. */
export function isRdKafkaMessage(value: unknown): value is RdKafkaMessage {
  if (!value || typeof value !== 'object') return false;
  const { topic, partition, offset } = value as Partial<RdKafkaMessage>;
  return typeof topic === 'string' && typeof partition === 'number' && typeof offset === 'number';
}

// One view per delivered message, so a `data` listener, `consume(n, cb)` and `processMessage`
// all see the same object (the shared model remembers messages by identity).
const views = new WeakMap<RdKafkaMessage, ConsumedMessage>();

/** A delivered message as the shared model reads it: headers as an object, strings for numbers. */
export function messageView(message: RdKafkaMessage): ConsumedMessage {
  let view = views.get(message);
  if (!view) {
    const { key, value, timestamp, offset, headers } = message;
    view = {
      key: (key ?? null) as Buffer | null,
      value: value ?? null,
      timestamp: typeof timestamp === 'number' ? String(timestamp) : '',
      offset: String(offset),
      headers: headersRecord(headers),
    };
    views.set(message, view);
  }
  return view;
}

/** `produce(topic, partition, message, key, timestamp, opaque, headers)`'s arguments. */
type ProduceArgs = unknown[];

const HEADERS = 6;

// What `describe` read, for `rebuild` to tell the carrier's headers from the caller's.
const described = new WeakMap<ProduceArgs, KafkaHeaders | undefined>();

/**
 * A copy of `headers` carrying the injected message's new fields: the caller's entries in their
 * order (an entry whose name a carrier field replaces, in any case, left out), then the carrier's.
 */
export function headersWithCarrier(
  headers: unknown,
  before: KafkaHeaders | undefined,
  after: KafkaHeaders | undefined,
): Record<string, Buffer | string>[] {
  const carrier = Object.entries(after ?? {}).filter(
    ([name, value]) => typeof value === 'string' && before?.[name] !== value,
  ) as [string, string][];
  const replaced = new Set(carrier.map(([name]) => name.toLowerCase()));
  const kept: Record<string, Buffer | string>[] = [];
  for (const entry of Array.isArray(headers) ? (headers as RdKafkaHeaders) : []) {
    if (!entry || typeof entry !== 'object') {
      kept.push(entry);
      continue;
    }
    const names = Object.keys(entry);
    if (!names.some((name) => replaced.has(name.toLowerCase()))) kept.push(entry);
    else {
      const rest = names.filter((name) => !replaced.has(name.toLowerCase()));
      if (rest.length > 0)
        kept.push(Object.fromEntries(rest.map((name) => [name, entry[name] as Buffer | string])));
    }
  }
  for (const [name, value] of carrier) kept.push({ [name]: value });
  return kept;
}

/**
 * `Producer.produce`'s arguments for the shared send telemetry: one topic, one message. The
 * rebuilt arguments are a new list whose headers are a new list; nothing the caller passed is
 * changed.
 */
export const PRODUCE: SendShape = {
  name: 'send',
  describe(args) {
    if (!Array.isArray(args) || typeof args[0] !== 'string') return undefined;
    const headers = headersRecord(args[HEADERS]);
    described.set(args, headers);
    const message: ProducerMessage = {
      value: (args[2] ?? null) as ProducerMessage['value'],
      key: (args[3] ?? null) as Buffer | string | null,
      headers,
    };
    return [{ topic: args[0], messages: [message] }];
  },
  rebuild(args, injected) {
    const list = args as ProduceArgs;
    const message = injected.get(list[0] as string)?.[0];
    const copy = [...list];
    while (copy.length < HEADERS) copy.push(undefined);
    copy[HEADERS] = headersWithCarrier(list[HEADERS], described.get(list), message?.headers);
    return copy;
  },
};

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
