import { describe, expect, it } from '@jest/globals';
import { spansNamed } from '@msgtrace/test-utils';
import type { Producer } from 'kafkajs';
import {
  bareKafkaJs,
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  newKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();
const bare = newKafka(bareKafkaJs(), 'msgtrace-test-bare');

/** The cluster's id as the broker reports it, asked by an uninstrumented admin client. */
async function brokerClusterId(): Promise<string> {
  const admin = bare.admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId;
  } finally {
    await admin.disconnect();
  }
}

/** The Kafka API requests a producer makes for two sends to a fresh topic. */
async function requestsOfTwoSends(producer: Producer, topic: string): Promise<string[]> {
  const apis: string[] = [];
  producer.on(producer.events.REQUEST, ({ payload }) => apis.push(payload.apiName));
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'a' }] });
  await producer.send({ topic, messages: [{ value: 'b' }] });
  await producer.disconnect();
  return apis;
}

describe('the Kafka cluster id', () => {
  it('is on send and process spans, read from the metadata kafkajs already loaded', async () => {
    const clusterId = await brokerClusterId();
    expect(clusterId).toMatch(/^\S+$/);
    const topic = await createTopic(kafka, 'cluster-id');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'first' }] });
    await producer.send({ topic, messages: [{ value: 'second' }] });
    await producer.disconnect();
    await consumeEachMessage(await subscribedConsumer(kafka, [topic]), 2);

    const spans = [
      ...spansNamed(telemetry.spans(), `send ${topic}`),
      ...spansNamed(telemetry.spans(), `process ${topic}`),
    ];
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect([span.name, span.attributes['messaging.kafka.cluster.id']]).toEqual([
        span.name,
        clusterId,
      ]);
    }
  });

  it('costs no request: an instrumented producer asks the broker exactly what a bare one does', async () => {
    const instrumentedTopic = await createTopic(kafka, 'cluster-id-requests');
    const bareTopic = await createTopic(kafka, 'cluster-id-requests');
    const instrumented = await requestsOfTwoSends(kafka.producer(), instrumentedTopic);
    const plain = await requestsOfTwoSends(bare.producer(), bareTopic);
    expect(instrumented).toContain('Produce');
    expect(instrumented).toEqual(plain);
    const sends = spansNamed(telemetry.spans(), `send ${instrumentedTopic}`);
    expect(sends.map((s) => typeof s.attributes['messaging.kafka.cluster.id'])).toEqual([
      'string',
      'string',
    ]);
  });
});
