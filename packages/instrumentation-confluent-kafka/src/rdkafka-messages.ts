import type {
  ConsumedMessage,
  KafkaHeaders,
  KafkaHeaderValue,
  ProducerMessage,
  SendShape,
} from '@msgtrace/kafka-shared';
import type { RdKafkaHeaders, RdKafkaMessage } from './types.js';

/**
 * The rdkafka-style API's messages and headers as the shared Kafka model reads them (the
 * KafkaJS shapes), and back. Pure: no spans, no side effects.
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
