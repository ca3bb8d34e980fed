import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed } from '@msgtrace/test-utils';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();

class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}

describe('kafkajs eachMessage handler that throws', () => {
  it('marks the span, hands the very error to kafkajs, and traces the redelivery too', async () => {
    const topic = await createTopic(kafka, 'throws');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'retry me' }] });
    await producer.disconnect();

    const consumer = await subscribedConsumer(kafka, [topic]);
    const crashes: unknown[] = [];
    consumer.on(consumer.events.CRASH, (event) => crashes.push(event.payload.error));
    const thrown = new PaymentDeclined('declined');
    let attempts = 0;
    const received = await consumeEachMessage(consumer, 1, () => {
      attempts++;
      if (attempts === 1) throw thrown;
    });
    expect(received[0]?.message.value?.toString()).toBe('retry me');
    expect(attempts).toBe(2);
    // kafkajs saw the handler's own error (it retried rather than crashing on something else).
    expect(crashes).toEqual([]);

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${topic}`);
    const [failed, succeeded] = spansNamed(spans, `process ${topic}`);
    if (!failed || !succeeded) throw new Error('expected two process spans');
    assertSpan(failed, {
      parent: send,
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': 'PaymentDeclined' },
    });
    expect(failed.events.map((e) => [e.name, e.attributes['exception.message']])).toEqual([
      ['exception', 'declined'],
    ]);
    assertSpan(succeeded, { parent: send, status: SpanStatusCode.UNSET });
  });
});
