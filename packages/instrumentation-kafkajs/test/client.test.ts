import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { KafkaJsInstrumentation } from '../src/instrumentation';
import { processMessage } from '../src/process-message';

/**
 * What this package adds to the shared Kafka model (`@msgtrace/kafka-shared`, tested there):
 * where kafkajs keeps its options and its cluster id, driven through a fake kafkajs with the
 * private cluster factory kafkajs 2.x has.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const CREATE_CLUSTER = Symbol('private:Kafka:createCluster');

class FakeKafka {
  [CREATE_CLUSTER]: () => { brokerPool: FakeKafka['brokerPool'] };
  brokerPool: { metadata: { clusterId?: string } | null } = { metadata: null };
  constructor(readonly options: unknown) {
    this[CREATE_CLUSTER] = () => ({ brokerPool: this.brokerPool });
  }
  producer() {
    this[CREATE_CLUSTER]();
    return {
      // kafkajs loads metadata on a producer's first send.
      send: async (record: unknown) => {
        this.brokerPool.metadata = { clusterId: 'cluster-1' };
        return [record];
      },
    };
  }
  consumer(_options?: unknown) {
    type RunConfig = { eachMessage?: (payload: unknown) => Promise<unknown> };
    const consumer: { config: RunConfig | undefined; run: (config: RunConfig) => Promise<void> } = {
      config: undefined,
      run: async (config) => {
        consumer.config = config;
      },
    };
    return consumer;
  }
}

const instrumentation = new KafkaJsInstrumentation();
const kafkajs = { Kafka: FakeKafka as unknown as object };
instrumentation.instrumentModule('kafkajs', kafkajs);
const Kafka = kafkajs.Kafka as typeof FakeKafka;

describe('kafkajs client', () => {
  it("names the client id, the single broker and the cluster id once kafkajs's metadata has it", async () => {
    const client = new Kafka({ clientId: 'app', brokers: ['[::1]:9093'] });
    const producer = client.producer();
    await producer.send({ topic: 't', messages: [{ value: 'a' }] });
    await producer.send({ topic: 't', messages: [{ value: 'b' }] });
    const [first, second] = telemetry.spans();
    expect(first?.attributes).toMatchObject({
      'messaging.client.id': 'app',
      'server.address': '::1',
      'server.port': 9093,
    });
    expect(first?.attributes['messaging.kafka.cluster.id']).toBe('cluster-1');
    expect(second?.attributes['messaging.kafka.cluster.id']).toBe('cluster-1');
  });

  it('gives consumers their group id; several brokers name no server', async () => {
    const client = new Kafka({ brokers: ['a:1', 'b:2'] });
    const consumer = client.consumer({ groupId: 'g' });
    await consumer.run({ eachMessage: async () => undefined });
    const message = { key: null, value: null, timestamp: '1', offset: '0', headers: {} };
    await consumer.config?.eachMessage?.({ topic: 't', partition: 0, message });
    const [span] = telemetry.spans();
    expect(span?.attributes).toMatchObject({ 'messaging.consumer.group.name': 'g' });
    expect(span?.attributes['server.address']).toBeUndefined();
  });

  it('goes without a cluster id on a kafkajs without the cluster factory', async () => {
    class Plain extends FakeKafka {
      override producer() {
        return { send: async (record: unknown) => [record] };
      }
    }
    const wrapped = { Kafka: Plain as unknown as object };
    instrumentation.instrumentModule('kafkajs', wrapped);
    const producer = new (wrapped.Kafka as typeof Plain)({}).producer();
    await producer.send({ topic: 't', messages: [{ value: 'a' }] });
    expect(telemetry.spans()[0]?.attributes['messaging.kafka.cluster.id']).toBeUndefined();
  });

  it('runs processMessage work under a process span', () => {
    const message = { key: null, value: null, timestamp: '1', offset: '0', headers: {} };
    expect(processMessage(message, (span) => span !== undefined, { topic: 't' })).toBe(true);
    expect(telemetry.spans()[0]?.name).toBe('process t');
  });

  it('disable() restores the factories and records nothing; enable() instruments again', async () => {
    instrumentation.disable();
    try {
      const client = new Kafka({ clientId: 'off' });
      await client.producer().send({ topic: 't', messages: [{ value: 'a' }] });
      const message = { key: null, value: null, timestamp: '1', offset: '0', headers: {} };
      expect(processMessage(message, (span) => span)).toBeUndefined();
      expect(telemetry.spans()).toEqual([]);
    } finally {
      instrumentation.enable();
      instrumentation.instrumentModule('kafkajs', kafkajs);
    }
  });
});
