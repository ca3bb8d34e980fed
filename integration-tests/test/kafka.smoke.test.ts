import { afterAll, describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { BINARY_BODY, kafkaClient } from '../src/clients';

describe('kafka smoke (bare kafkajs)', () => {
  const kafka = kafkaClient('msgtrace-smoke');
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: uniqueName('smoke-group') });

  afterAll(async () => {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  });

  it('round-trips bytes, key and headers through a fresh topic', async () => {
    const topic = uniqueName('smoke');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const headers: IHeaders = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      binary: Buffer.from([0, 1, 2, 255]),
    };
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k-1', value: BINARY_BODY, headers }] });

    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<KafkaMessage>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message) });
    });

    expect(received.value).toEqual(BINARY_BODY);
    expect(received.key?.toString()).toBe('k-1');
    expect(received.headers?.traceparent?.toString()).toBe(headers.traceparent);
    expect(received.headers?.binary).toEqual(Buffer.from([0, 1, 2, 255]));
  });
});
