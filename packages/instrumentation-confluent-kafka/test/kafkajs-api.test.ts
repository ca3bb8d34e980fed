import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { confluentClientInfo } from '../src/describe';
import { ConfluentKafkaInstrumentation } from '../src/instrumentation';
import { FakeProducer, fakeEntry } from './support/fake-confluent';

/**
 * The KafkaJS API through the shared hooks (tested with their telemetry in
 * `@msgtrace/kafka-shared`): what this package adds is where the Confluent client keeps its
 * configuration, and that the rdkafka layer underneath the API is not instrumented twice.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => {
  telemetry.reset();
  FakeProducer.calls = [];
});

const instrumentation = new ConfluentKafkaInstrumentation();
const entry = fakeEntry();
instrumentation.instrumentModule('@confluentinc/kafka-javascript', entry);
const kafka = new entry.KafkaJS.Kafka({ kafkaJS: { clientId: 'app', brokers: ['h:9092'] } });

describe('the KafkaJS API', () => {
  it('makes one send span per send, however the client produces underneath', async () => {
    const producer = kafka.producer();
    const message = { value: 'a', headers: { app: 'x' } };
    await producer.send({ topic: 'orders', messages: [message] });
    const spans = telemetry.spans();
    expect(spans.map((span) => span.name)).toEqual(['send orders']);
    expect(spans[0]).toMatchObject({ kind: SpanKind.PRODUCER });
    expect(spans[0]?.attributes).toMatchObject({
      'messaging.client.id': 'app',
      'server.address': 'h',
      'messaging.destination.partition.id': '0',
      'messaging.kafka.offset': 7,
    });
    expect(spans[0]?.attributes['messaging.consumer.group.name']).toBeUndefined();
    expect(message.headers).toEqual({ app: 'x' });
    const produced = FakeProducer.calls[0]?.[6] as Record<string, unknown>;
    expect(produced.traceparent).toContain(spans[0]?.spanId);
  });

  it('makes one span per topic for sendBatch, which calls send per topic itself', async () => {
    const producer = kafka.producer({ 'client.id': 'batcher' });
    await producer.sendBatch({
      topicMessages: [
        { topic: 'a', messages: [{ value: '1' }, { value: '2' }] },
        { topic: 'b', messages: [{ value: '3' }] },
      ],
    });
    const spans = telemetry.spans();
    expect(spans.map((span) => span.name).sort()).toEqual(['send a', 'send b']);
    expect(spans.every((span) => span.parentSpanId === undefined)).toBe(true);
    expect(spans[0]?.attributes['messaging.client.id']).toBe('batcher');
  });

  it('ends a transaction that is the producer itself with a commit span linked to its sends', async () => {
    const producer = kafka.producer();
    const transaction = await producer.transaction();
    await transaction.send({ topic: 'tx', messages: [{ value: '1' }] });
    await transaction.commit();
    const [send, commit] = telemetry.spans();
    expect(commit?.name).toBe('commit');
    expect(commit?.links.map((link) => link.context.spanId)).toEqual([send?.spanId]);
  });

  it("names the consumer's group; its internal pulls make no spans, its handler one", async () => {
    const consumer = kafka.consumer({ kafkaJS: { groupId: 'workers' } });
    await consumer.run({ eachMessage: async () => undefined });
    const message = { key: null, value: null, timestamp: '1', offset: '3', headers: {} };
    await consumer.config?.eachMessage?.({ topic: 't', partition: 0, message });
    const spans = telemetry.spans();
    expect(spans.map((span) => span.name)).toEqual(['process t']);
    expect(spans[0]?.attributes['messaging.consumer.group.name']).toBe('workers');
  });
});

describe('confluentClientInfo', () => {
  it('merges the common and the per-client config, kafkaJS block or librdkafka properties', () => {
    expect(
      confluentClientInfo(
        { kafkaJS: { clientId: 'a', brokers: ['x:1'] } },
        { 'group.id': 'g', 'client.id': 'b' },
      ),
    ).toEqual({ clientId: 'b', server: { address: 'x', port: 1 }, groupId: 'g' });
    expect(confluentClientInfo({ 'bootstrap.servers': 'x:1,y:2' }, null, 'junk')).toEqual({});
    expect(confluentClientInfo({ kafkaJS: { groupId: 'k', brokers: 'bad' } })).toEqual({
      groupId: 'k',
    });
  });
});

describe('instrumentModule', () => {
  it('patches one file by its name, and leaves an entry without the KafkaJS API alone', () => {
    const other = fakeEntry();
    instrumentation.instrumentModule('lib/kafkajs/_kafka.js', other.KafkaJS);
    instrumentation.instrumentModule('@confluentinc/kafka-javascript', { Producer: 1 });
    expect(other.KafkaJS.Kafka).not.toBe(fakeEntry().KafkaJS.Kafka);
  });
});
