import { beforeEach, describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();
beforeEach(() => telemetry.reset());

function transactionalProducer() {
  return kafka.producer({
    transactionalId: uniqueName('tx'),
    idempotent: true,
    maxInFlightRequests: 1,
  });
}

describe('kafkajs transactions', () => {
  it('traces sends inside a transaction and a commit span linked to them', async () => {
    const topic = await createTopic(kafka, 'tx-commit');
    const producer = transactionalProducer();
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic, messages: [{ value: 'one' }] });
    await transaction.sendBatch({ topicMessages: [{ topic, messages: [{ value: 'two' }] }] });
    await transaction.commit();
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: uniqueName('group'), readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await consumeEachMessage(consumer, 2);
    expect(received.map((r) => r.message.value?.toString()).sort()).toEqual(['one', 'two']);

    const spans = telemetry.spans();
    const sends = spans.filter((s) => s.name === `send ${topic}`);
    expect(sends).toHaveLength(2);
    assertSpan(onlySpan(spans, 'commit'), {
      kind: SpanKind.CLIENT,
      status: SpanStatusCode.UNSET,
      attributes: { 'messaging.system': 'kafka', 'messaging.operation.name': 'commit' },
      links: sends.map((send) => ({ to: send })),
    });
    for (const send of sends) {
      const processes = spans.filter(
        (s) => s.name === `process ${topic}` && s.parentSpanId === send.spanId,
      );
      expect(processes).toHaveLength(1);
    }
  });

  it('records an abort, and the aborted message is never delivered to read-committed consumers', async () => {
    const topic = await createTopic(kafka, 'tx-abort');
    const producer = transactionalProducer();
    await producer.connect();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'kept' }] });
    await committed.commit();
    await producer.disconnect();

    const received = await consumeEachMessage(await subscribedConsumer(kafka, [topic]), 1);
    expect(received.map((r) => r.message.value?.toString())).toEqual(['kept']);
    const spans = telemetry.spans();
    const [abortedSend, keptSend] = spans.filter((s) => s.name === `send ${topic}`);
    if (!abortedSend || !keptSend) throw new Error('expected two send spans');
    assertSpan(onlySpan(spans, 'abort'), { links: [{ to: abortedSend }] });
    assertSpan(onlySpan(spans, 'commit'), { links: [{ to: keptSend }] });
  });
});
