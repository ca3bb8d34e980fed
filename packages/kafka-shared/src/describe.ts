import { isUtf8 } from 'node:buffer';
import {
  ATTR_MESSAGING_CONSUMER_GROUP_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_MESSAGE_BODY_SIZE,
  MESSAGING_SYSTEM_KAFKA,
  type MessagingOperation,
  type MessagingSemconv,
  SEMCONV_V1_44,
  setRenamedAttribute,
} from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';
import {
  type ClientInfo,
  type ConsumerInfo,
  clientIdentityAttributes,
  serverAttributes,
} from './client-info.js';
import type { ConsumedMessage, ProducerMessage } from './types.js';

/**
 * Pure descriptions of KafkaJS-API calls (kafkajs, Confluent's `KafkaJS`): arguments in, operations and attributes out. No spans, no
 * side effects, so all of it is unit-tested without a broker.
 */

/** One topic's messages within a send or sendBatch call. */
export interface TopicMessages {
  topic: string;
  messages: ProducerMessage[];
}

/** `producer.send({ topic, messages })` as topic messages; undefined for malformed input. */
export function topicMessagesOfSend(record: unknown): TopicMessages[] | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const { topic, messages } = record as { topic?: unknown; messages?: unknown };
  if (typeof topic !== 'string' || !Array.isArray(messages)) return undefined;
  return [{ topic, messages: messages as ProducerMessage[] }];
}

/** `producer.sendBatch({ topicMessages })` grouped per topic, in order of first appearance. */
export function topicMessagesOfSendBatch(batch: unknown): TopicMessages[] | undefined {
  if (!batch || typeof batch !== 'object') return undefined;
  const { topicMessages } = batch as { topicMessages?: unknown };
  if (!Array.isArray(topicMessages)) return undefined;
  const byTopic = new Map<string, ProducerMessage[]>();
  for (const entry of topicMessages) {
    const described = topicMessagesOfSend(entry);
    if (!described?.[0]) return undefined;
    const { topic, messages } = described[0];
    const list = byTopic.get(topic) ?? [];
    list.push(...messages);
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** How a `send` or `sendBatch` call's argument is read, and rebuilt around injected copies. */
export interface SendShape {
  name: 'send' | 'sendBatch';
  describe(arg: unknown): TopicMessages[] | undefined;
  /** The call's argument with each topic's messages replaced by `injected`'s, in order. */
  rebuild(arg: unknown, injected: ReadonlyMap<string, ProducerMessage[]>): unknown;
}

export const SEND: SendShape = {
  name: 'send',
  describe: topicMessagesOfSend,
  rebuild: (record, injected) => {
    const { topic } = record as { topic: string };
    return { ...(record as object), messages: injected.get(topic) };
  },
};

export const SEND_BATCH: SendShape = {
  name: 'sendBatch',
  describe: topicMessagesOfSendBatch,
  rebuild: (batch, injected) => {
    // The same topic may appear in several entries: hand each entry its own slice of the topic's
    // injected copies, in order, keeping the caller's structure.
    const cursor = new Map<string, number>();
    const { topicMessages } = batch as { topicMessages: { topic: string; messages: unknown[] }[] };
    return {
      ...(batch as object),
      topicMessages: topicMessages.map((entry) => {
        const from = cursor.get(entry.topic) ?? 0;
        cursor.set(entry.topic, from + entry.messages.length);
        return {
          ...entry,
          messages: injected.get(entry.topic)?.slice(from, from + entry.messages.length),
        };
      }),
    };
  },
};

/** A message key as an attribute value: text keys as they are, binary keys not at all. */
export function keyAttribute(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (key instanceof Uint8Array && isUtf8(key)) return Buffer.from(key).toString('utf8');
  return undefined;
}

function messageAttributes(
  message: { key?: unknown; value?: unknown } | undefined,
  captureKey: boolean,
  attributes: Attributes,
  semconv: MessagingSemconv,
): Attributes {
  if (!message) return attributes;
  if (captureKey) {
    const key = keyAttribute(message.key);
    if (key !== undefined) setRenamedAttribute(attributes, semconv, 'kafkaMessageKey', key);
  }
  if (message.value === null) {
    setRenamedAttribute(attributes, semconv, 'kafkaMessageTombstone', true);
  } else if (message.value instanceof Uint8Array) {
    attributes[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = message.value.byteLength;
  } else if (typeof message.value === 'string') {
    attributes[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = Buffer.byteLength(message.value);
  }
  return attributes;
}

/** The `send {topic}` operation for one topic of a send or sendBatch call. */
export function sendOperation(
  client: ClientInfo,
  { topic, messages }: TopicMessages,
  captureKey: boolean,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const single = messages.length === 1 ? messages[0] : undefined;
  return {
    system: MESSAGING_SYSTEM_KAFKA,
    type: 'send',
    name: 'send',
    destination: topic,
    attributes: serverAttributes(client, {}),
    recordedAttributes: messageAttributes(
      single,
      captureKey,
      clientIdentityAttributes(client, {}, semconv),
      semconv,
    ),
    semconv,
  };
}

/** The `create {topic}` operation for one message when per-message create spans are on. */
export function createOperation(
  client: ClientInfo,
  topic: string,
  message: ProducerMessage,
  captureKey: boolean,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  return {
    system: MESSAGING_SYSTEM_KAFKA,
    type: 'create',
    name: 'create',
    destination: topic,
    attributes: serverAttributes(client, {}),
    recordedAttributes: messageAttributes(
      message,
      captureKey,
      clientIdentityAttributes(client, {}, semconv),
      semconv,
    ),
    semconv,
  };
}

/** An offset string from kafkajs as a number attribute; kafkajs offsets fit well within 2^53. */
export function offsetAttribute(offset: unknown): number | undefined {
  const value = typeof offset === 'string' ? Number(offset) : offset;
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The `process {topic}` operation for one message (`message` given) or one batch of a partition
 * (`message` undefined).
 */
export function processOperation(
  consumer: ConsumerInfo,
  topic: string | undefined,
  partition: number | undefined,
  message: ConsumedMessage | undefined,
  captureKey: boolean,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const attributes = serverAttributes(consumer, {});
  if (consumer.groupId) attributes[ATTR_MESSAGING_CONSUMER_GROUP_NAME] = consumer.groupId;
  const recorded = clientIdentityAttributes(consumer, {}, semconv);
  if (partition !== undefined)
    recorded[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = String(partition);
  if (message) {
    const offset = offsetAttribute(message.offset);
    if (offset !== undefined) setRenamedAttribute(recorded, semconv, 'kafkaOffset', offset);
    messageAttributes(message, captureKey, recorded, semconv);
  }
  return {
    system: MESSAGING_SYSTEM_KAFKA,
    type: 'process',
    name: 'process',
    destination: topic,
    attributes,
    recordedAttributes: recorded,
    semconv,
  };
}

/**
 * The `receive {topic}` operation for one pull that returned messages (the Confluent client's
 * `KafkaConsumer.consume(n, cb)`): topic and partition when every message shares them.
 */
export function receiveOperation(
  consumer: ConsumerInfo,
  topic: string | undefined,
  partition: number | undefined,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const operation = processOperation(consumer, topic, partition, undefined, false, semconv);
  return { ...operation, type: 'receive', name: 'receive' };
}

/** What varies per message on a batch span's links: partition and offset. */
export function linkAttributes(
  partition: number | undefined,
  message: ConsumedMessage,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): Attributes {
  const attributes: Attributes = {};
  if (partition !== undefined)
    attributes[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = String(partition);
  const offset = offsetAttribute(message.offset);
  if (offset !== undefined) setRenamedAttribute(attributes, semconv, 'kafkaOffset', offset);
  return attributes;
}

/** The broker's timestamp of a consumed message, in epoch milliseconds. */
export function brokerTimestamp(message: ConsumedMessage): number | undefined {
  const value = Number(message.timestamp);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The KafkaJS API's RecordMetadata, one per topic-partition written. */
export interface RecordMetadata {
  topicName?: string;
  partition?: number;
  baseOffset?: string;
}

/**
 * Partition and offset of a single-message send, from the client's response: set only when the
 * topic's response names exactly one partition, so it is certainly that message's.
 */
export function sentPosition(
  topic: string,
  metadata: unknown,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): Attributes {
  if (!Array.isArray(metadata)) return {};
  const entries = (metadata as RecordMetadata[]).filter((m) => m?.topicName === topic);
  if (entries.length !== 1 || !entries[0]) return {};
  const attributes: Attributes = {};
  if (typeof entries[0].partition === 'number') {
    attributes[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = String(entries[0].partition);
  }
  const offset = offsetAttribute(entries[0].baseOffset);
  if (offset !== undefined) setRenamedAttribute(attributes, semconv, 'kafkaOffset', offset);
  return attributes;
}
