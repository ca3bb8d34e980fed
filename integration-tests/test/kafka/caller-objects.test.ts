import { describe, expect, it } from '@jest/globals';
import { spansNamed } from '@msgtrace/test-utils';
import type { EachMessagePayload } from 'kafkajs';
import { createTopic, instrumentKafka, subscribedConsumer } from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('kafkajs: objects the caller owns are never mutated', () => {
  it('send and sendBatch leave records, messages and headers as they were', async () => {
    const topic = await createTopic(kafka, 'frozen');
    const record = deepFreeze({
      topic,
      messages: [{ value: 'one', headers: { app: 'x', TraceParent: 'stale' } }, { value: 'two' }],
    });
    const batch = deepFreeze({
      topicMessages: [
        { topic, messages: [{ value: 'three', headers: { app: Buffer.from('y') } }] },
      ],
    });
    const recordBefore = structuredClone(record);
    const batchBefore = structuredClone(batch);

    const producer = kafka.producer();
    await producer.connect();
    // Frozen objects throw on any write in strict mode: these calls fail if msgtrace writes.
    await producer.send(record);
    await producer.sendBatch(batch);
    await producer.disconnect();
    expect(record).toEqual(recordBefore);
    expect(batch).toEqual(batchBefore);
    expect(spansNamed(telemetry.spans(), `send ${topic}`)).toHaveLength(2);

    // A frozen run() config: kafkajs gets a copy with instrumented handlers, the caller keeps
    // its own object and function.
    const consumer = await subscribedConsumer(kafka, [topic]);
    const seen: EachMessagePayload[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const eachMessage = async (payload: EachMessagePayload) => {
      seen.push(payload);
      if (seen.length === 3) done();
    };
    const config = Object.freeze({ eachMessage, partitionsConsumedConcurrently: 1 });
    await consumer.run(config);
    await finished;
    await consumer.disconnect();
    expect(config.eachMessage).toBe(eachMessage);
    const first = seen.find((s) => s.message.value?.toString() === 'one');
    // The stale, differently-cased header did not travel next to the fresh one; no pathway
    // header either (pipelines are opt-in).
    expect(Object.keys(first?.message.headers ?? {}).sort()).toEqual(['app', 'traceparent']);
  });
});
