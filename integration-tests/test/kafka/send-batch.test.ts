import { beforeEach, describe, expect, it } from '@jest/globals';
import { assertSpan, childrenOf, onlySpan, spansNamed } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, instrumentation, kafka } = instrumentKafka();
beforeEach(() => instrumentation.setConfig({}));

describe('kafkajs sendBatch and batch sends', () => {
  it('makes one send span per topic, each the creation context of its own messages', async () => {
    const first = await createTopic(kafka, 'batch-a');
    const second = await createTopic(kafka, 'batch-b');
    const producer = kafka.producer();
    await producer.connect();
    await producer.sendBatch({
      topicMessages: [
        { topic: first, messages: [{ value: 'a1' }, { value: 'a2' }] },
        { topic: second, messages: [{ value: 'b1' }] },
        { topic: first, messages: [{ value: 'a3' }] },
      ],
    });
    await producer.disconnect();
    await consumeEachMessage(await subscribedConsumer(kafka, [first, second]), 4);

    const spans = telemetry.spans();
    const sendFirst = onlySpan(spans, `send ${first}`);
    const sendSecond = onlySpan(spans, `send ${second}`);
    assertSpan(sendFirst, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.batch.message_count': 3,
        // Several messages: no single partition or offset to report.
        'messaging.kafka.offset': undefined,
      },
    });
    assertSpan(sendSecond, {
      attributes: { 'messaging.batch.message_count': undefined, 'messaging.kafka.offset': 0 },
    });
    expect(childrenOf(spans, sendFirst).map((s) => s.name)).toEqual(
      Array(3).fill(`process ${first}`),
    );
    expect(childrenOf(spans, sendSecond).map((s) => s.name)).toEqual([`process ${second}`]);
  });

  it('with createSpanPerMessage, gives every message its own create span, linked from the send', async () => {
    instrumentation.setConfig({ createSpanPerMessage: true });
    const topic = await createTopic(kafka, 'create');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: '1' }, { value: '2' }] });
    await producer.disconnect();
    await consumeEachMessage(await subscribedConsumer(kafka, [topic]), 2);

    const spans = telemetry.spans();
    const creates = spansNamed(spans, `create ${topic}`);
    expect(creates).toHaveLength(2);
    assertSpan(onlySpan(spans, `send ${topic}`), {
      attributes: { 'messaging.batch.message_count': 2 },
      links: creates.map((create) => ({ to: create })),
    });
    for (const create of creates) {
      assertSpan(create, {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.operation.type': 'create' },
      });
      expect(childrenOf(spans, create).map((s) => s.name)).toEqual([`process ${topic}`]);
    }
  });
});
