import { guard, invokeInstrumented } from '@msgtrace/core';
import type { SpanContext } from '@opentelemetry/api';
import {
  type ClientInfo,
  type TopicMessages,
  topicMessagesOfSend,
  topicMessagesOfSendBatch,
} from '../describe.js';
import type { KafkaTelemetry } from '../telemetry.js';
import type { ProducerMessage } from '../types.js';

type AnyFunction = (...args: unknown[]) => unknown;
type Producer = Record<string, unknown>;

interface SendShape {
  name: 'send' | 'sendBatch';
  describe(arg: unknown): TopicMessages[] | undefined;
  rebuild(arg: unknown, injected: Map<string, ProducerMessage[]>): unknown;
}

const SEND: SendShape = {
  name: 'send',
  describe: topicMessagesOfSend,
  rebuild: (record, injected) => {
    const { topic } = record as { topic: string };
    return { ...(record as object), messages: injected.get(topic) };
  },
};

const SEND_BATCH: SendShape = {
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

function wrapSend(
  original: AnyFunction,
  shape: SendShape,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
  sends?: SpanContext[],
): AnyFunction {
  return function instrumentedSend(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented(`kafkajs ${shape.name}`, original, this, args, ([arg, ...rest]) => {
      const topics = shape.describe(arg);
      if (!topics) return undefined;
      const prepared = telemetry.prepareSend(client, topics);
      sends?.push(...prepared.sendSpans);
      return {
        args: [shape.rebuild(arg, prepared.injected), ...rest],
        ...(prepared.context ? { context: prepared.context } : {}),
        onSuccess: prepared.onSuccess,
        onError: prepared.onError,
      };
    });
  };
}

function wrapTransactionEnd(
  original: AnyFunction,
  outcome: 'commit' | 'abort',
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
  sends: SpanContext[],
): AnyFunction {
  return function instrumentedTransactionEnd(this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    return invokeInstrumented(`kafkajs transaction ${outcome}`, original, this, args, () => {
      const end = telemetry.startTransactionEnd(outcome, client, sends);
      return { onSuccess: () => end.end(), onError: (error) => end.end(error) };
    });
  };
}

function instrumentTransaction(
  transaction: Producer,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  const sends: SpanContext[] = [];
  const replace = (name: string, wrap: (original: AnyFunction) => AnyFunction) => {
    const original = transaction[name];
    if (typeof original === 'function') transaction[name] = wrap(original as AnyFunction);
  };
  replace('send', (o) => wrapSend(o, SEND, client, telemetry, active, sends));
  replace('sendBatch', (o) => wrapSend(o, SEND_BATCH, client, telemetry, active, sends));
  replace('commit', (o) => wrapTransactionEnd(o, 'commit', client, telemetry, active, sends));
  replace('abort', (o) => wrapTransactionEnd(o, 'abort', client, telemetry, active, sends));
}

/**
 * Instruments one producer kafkajs made: its `send`, `sendBatch` and the transactions it opens.
 * The producer object belongs to kafkajs, not the caller; the caller's records and messages are
 * only ever copied.
 */
export function instrumentProducer(
  producer: unknown,
  client: ClientInfo,
  telemetry: KafkaTelemetry,
  active: () => boolean,
): void {
  if (!producer || typeof producer !== 'object') return;
  const target = producer as Producer;
  const { send, sendBatch, transaction } = target;
  if (typeof send === 'function') {
    target.send = wrapSend(send as AnyFunction, SEND, client, telemetry, active);
  }
  if (typeof sendBatch === 'function') {
    target.sendBatch = wrapSend(sendBatch as AnyFunction, SEND_BATCH, client, telemetry, active);
  }
  if (typeof transaction === 'function') {
    target.transaction = async function instrumentedTransaction(this: unknown, ...args: unknown[]) {
      const opened = (await (transaction as AnyFunction).apply(this, args)) as Producer;
      if (active())
        guard('kafkajs transaction', () =>
          instrumentTransaction(opened, client, telemetry, active),
        );
      return opened;
    };
  }
}
