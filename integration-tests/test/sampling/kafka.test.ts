import { describe, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import type { Kafka } from 'kafkajs';
import {
  consumeEachBatch,
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';
import {
  expectDownstreamSamplingKeepsLinkedSets,
  expectHeadSamplingKeepsLinkedSets,
  type Pipeline,
} from '../../src/linked-sampling';

const { telemetry, kafka } = instrumentKafka({ propagationMode: 'link' });

/** Each message sent by its own `send` call from the root context: its own trace. */
async function sendEach(client: Kafka, topic: string, count: number): Promise<void> {
  const producer = client.producer();
  await producer.connect();
  for (let i = 0; i < count; i++) await producer.send({ topic, messages: [{ value: `m${i}` }] });
  await producer.disconnect();
}

const eachMessage: Pipeline = async (count) => {
  const topic = await createTopic(kafka, 'sampling-each-message');
  await sendEach(kafka, topic, count);
  const seen = await consumeEachMessage(await subscribedConsumer(kafka, [topic]), count);
  return {
    spans: telemetry.readableSpans(),
    consumed: seen.length,
    isProducer: (s) => s.name === `send ${topic}`,
    consumers: [
      {
        label: 'eachMessage',
        shape: 'per-message',
        is: (s) => s.name === `process ${topic}` && s.kind === SpanKind.CONSUMER,
      },
    ],
  };
};

const eachBatch: Pipeline = async (count) => {
  const topic = await createTopic(kafka, 'sampling-each-batch');
  await sendEach(kafka, topic, count);
  // Small fetches: batches of a few messages, well under the 128-link limit, as in a consumer
  // that keeps up with its producers (and small enough that many batches hold no kept producer).
  const consumer = kafka.consumer({
    groupId: `${topic}-group`,
    maxBytesPerPartition: 512,
    maxBytes: 512,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = await consumeEachBatch(consumer, count, async () => undefined);
  return {
    spans: telemetry.readableSpans(),
    consumed: seen.length,
    isProducer: (s) => s.name === `send ${topic}`,
    consumers: [
      {
        label: 'eachBatch',
        shape: 'batch',
        is: (s) =>
          s.name === `process ${topic}` &&
          s.attributes['messaging.batch.message_count'] !== undefined,
      },
    ],
  };
};

describe('kafkajs link mode under the link-aware sampler', () => {
  it('eachMessage: head sampling keeps every linked producer and consumer together', async () => {
    await expectHeadSamplingKeepsLinkedSets('kafkajs', telemetry, eachMessage);
  });

  it('eachBatch: head sampling keeps every batch with a kept producer, and only those', async () => {
    await expectHeadSamplingKeepsLinkedSets('kafkajs', telemetry, eachBatch);
  });

  it('eachMessage: a consistent downstream sampler keeps or drops each linked pair together', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('kafkajs', telemetry, eachMessage);
  });

  it('eachBatch: a consistent downstream sampler keeps every batch a kept producer is in', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('kafkajs', telemetry, eachBatch);
  });
});
