import { describe, expect, it } from '@jest/globals';
import { isWrapped } from '@opentelemetry/instrumentation';
import {
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  newKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, instrumentation, kafkajs, kafka } = instrumentKafka();

describe('kafkajs instrumentation disable()', () => {
  it('restores the original functions and stops tracing; enable() brings it back', async () => {
    const prototype = kafkajs.Kafka.prototype;
    expect(isWrapped(prototype.producer)).toBe(true);
    expect(isWrapped(prototype.consumer)).toBe(true);
    const wrappedSend = kafka.producer().send;

    instrumentation.disable();
    expect(isWrapped(prototype.producer)).toBe(false);
    expect(isWrapped(prototype.consumer)).toBe(false);
    const client = newKafka(kafkajs, 'after-disable');
    const producer = client.producer();
    expect(producer.send).not.toBe(wrappedSend);
    expect(producer.send.name).toBe('send');

    const topic = await createTopic(client, 'disabled');
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'untraced' }] });
    await producer.disconnect();
    const [received] = await consumeEachMessage(await subscribedConsumer(client, [topic]), 1);
    expect(received?.message.headers).toEqual({});
    expect(telemetry.spans()).toEqual([]);

    instrumentation.enable();
    instrumentation.instrumentModule('kafkajs', kafkajs);
    expect(isWrapped(prototype.producer)).toBe(true);
    const again = newKafka(kafkajs, 'enabled-again').producer();
    await again.connect();
    await again.send({ topic, messages: [{ value: 'traced' }] });
    await again.disconnect();
    expect(telemetry.spans().map((s) => s.name)).toEqual([`send ${topic}`]);
  });
});
