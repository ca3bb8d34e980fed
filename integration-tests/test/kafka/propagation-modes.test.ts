import { describe, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, instrumentation, kafka } = instrumentKafka();

async function sendOne(topic: string, value: string) {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: [{ value }] });
  await producer.disconnect();
}

describe('kafkajs propagation modes', () => {
  it('link mode: the process span is a root that links to the send span, offset on the link', async () => {
    instrumentation.setConfig({ propagationMode: 'link' });
    const topic = await createTopic(kafka, 'link');
    await sendOne(topic, 'a');
    await consumeEachMessage(await subscribedConsumer(kafka, [topic]), 1);
    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${topic}`);
    assertSpan(onlySpan(spans, `process ${topic}`), {
      kind: SpanKind.CONSUMER,
      parent: null,
      links: [
        {
          to: send,
          attributes: { 'messaging.kafka.offset': 0, 'messaging.destination.partition.id': '0' },
        },
      ],
    });
  });

  it('a function of the destination mixes both modes in one consumer', async () => {
    const audit = await createTopic(kafka, 'audit');
    const orders = await createTopic(kafka, 'orders');
    instrumentation.setConfig({
      propagationMode: ({ destination }) => (destination === audit ? 'link' : 'child'),
    });
    await sendOne(audit, 'a');
    await sendOne(orders, 'o');
    await consumeEachMessage(await subscribedConsumer(kafka, [audit, orders]), 2);
    const spans = telemetry.spans();
    assertSpan(onlySpan(spans, `process ${audit}`), {
      parent: null,
      links: [{ to: onlySpan(spans, `send ${audit}`) }],
    });
    assertSpan(onlySpan(spans, `process ${orders}`), {
      parent: onlySpan(spans, `send ${orders}`),
      links: [],
    });
  });
});
