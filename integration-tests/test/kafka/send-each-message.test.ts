import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, instrumentation, kafka } = instrumentKafka();

describe('kafkajs: send → eachMessage (child mode, the default)', () => {
  it('makes the process span a child of the send span, and handler spans children of it', async () => {
    const topic = await createTopic(kafka, 'child');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'user-42', value: 'hello' }] });
    await producer.disconnect();

    const consumer = await subscribedConsumer(kafka, [topic]);
    const [received] = await consumeEachMessage(consumer, 1, () => {
      trace.getTracer('app').startSpan('handler work').end();
    });
    expect(received?.message.value?.toString()).toBe('hello');

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${topic}`);
    assertSpan(send, {
      kind: SpanKind.PRODUCER,
      parent: null,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': '0',
        'messaging.kafka.offset': 0,
        'messaging.client.id': 'msgtrace-test',
        'server.address': '127.0.0.1',
        'server.port': 9092,
        'messaging.message.body.size': 5,
        'messaging.kafka.message.key': undefined,
        'messaging.batch.message_count': undefined,
      },
    });
    const process = onlySpan(spans, `process ${topic}`);
    assertSpan(process, {
      kind: SpanKind.CONSUMER,
      parent: send,
      links: [],
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.destination.partition.id': '0',
        'messaging.kafka.offset': 0,
        'messaging.consumer.group.name': /^group-/,
        'messaging.kafka.message.key': undefined,
      },
    });
    assertSpan(onlySpan(spans, 'handler work'), { parent: process });

    const metrics = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    const forTopic = (name: string) =>
      metrics
        .get(name)
        ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === topic);
    expect(forTopic('messaging.client.sent.messages')?.map((p) => p.value)).toEqual([1]);
    expect(forTopic('messaging.client.consumed.messages')?.map((p) => p.value)).toEqual([1]);
    for (const histogram of [
      'messaging.client.operation.duration',
      'messaging.process.duration',
      'msgtrace.messaging.message.age',
    ]) {
      expect(forTopic(histogram)?.map((p) => (p.value as { count: number }).count)).toEqual([1]);
    }
  });

  it('records the key and tombstones only as configured', async () => {
    instrumentation.setConfig({ captureMessageKey: true });
    try {
      const topic = await createTopic(kafka, 'key');
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'user-42', value: null }] });
      await producer.disconnect();
      await consumeEachMessage(await subscribedConsumer(kafka, [topic]), 1);
      for (const name of [`send ${topic}`, `process ${topic}`]) {
        assertSpan(onlySpan(telemetry.spans(), name), {
          attributes: {
            'messaging.kafka.message.key': 'user-42',
            'messaging.kafka.message.tombstone': true,
            'messaging.message.body.size': undefined,
          },
        });
      }
    } finally {
      instrumentation.setConfig({});
    }
  });
});
