import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { context, createContextKey, propagation, SpanKind, trace } from '@opentelemetry/api';
import { instrumentConsumer } from '../src/patches/consumer';
import type { KafkaHooks } from '../src/patches/hooks';
import { instrumentProducer } from '../src/patches/producer';
import { recordPull } from '../src/receive';
import type { ConsumedMessage, ProducerMessage } from '../src/types';
import { FakeKafkaInstrumentation, processMessage } from './support/fake-instrumentation';

/**
 * What only the Confluent client needs of the shared model, driven through fakes: a transaction
 * that is the producer itself, a lower layer kept out of msgtrace's way, and pulls.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const instrumentation = new FakeKafkaInstrumentation();
const LAYER = createContextKey('test layer');
const hooks: KafkaHooks = {
  telemetry: instrumentation.telemetry,
  active: () => instrumentation.isEnabled(),
  layer: {
    enter: (chosen) => chosen.setValue(LAYER, true),
    leave: (active) => active.deleteValue(LAYER),
    inside: (active) => active.getValue(LAYER) === true,
  },
};

type Record = { topic: string; messages: ProducerMessage[] };

function selfTransactionalProducer() {
  const seen: { layer: unknown; record: Record }[] = [];
  const producer = {
    seen,
    send: async (record: Record) => {
      seen.push({ layer: context.active().getValue(LAYER), record });
      return [];
    },
    transaction: async () => producer,
    commit: async () => undefined,
    abort: async () => undefined,
  };
  instrumentProducer(producer, { clientId: 'c' }, hooks);
  return producer;
}

function sentWith(headers: ProducerMessage['headers'], offset: string): ConsumedMessage {
  return { key: null, value: Buffer.from('v'), timestamp: String(Date.now()), offset, headers };
}

describe('a producer that is its own transaction (Confluent)', () => {
  it('links commit to the sends made since transaction(), and abort to none after it', async () => {
    const producer = selfTransactionalProducer();
    await producer.send({ topic: 'before', messages: [{ value: 'x' }] });
    const transaction = await producer.transaction();
    expect(transaction).toBe(producer);
    await transaction.send({ topic: 'in', messages: [{ value: 'a' }] });
    await transaction.send({ topic: 'in', messages: [{ value: 'b' }] });
    await transaction.commit();
    await producer.abort();
    const spans = telemetry.spans();
    const commit = spans.find((span) => span.name === 'commit');
    const sends = spans.filter((span) => span.name === 'send in');
    expect(commit?.links.map((link) => link.context.spanId)).toEqual(
      sends.map((span) => span.spanId),
    );
    expect(spans.find((span) => span.name === 'abort')?.links).toEqual([]);
  });

  it('passes through a send the client makes from inside its own send', async () => {
    const producer = selfTransactionalProducer();
    await context.with(context.active().setValue(LAYER, true), () =>
      producer.send({ topic: 'inner', messages: [{ value: 'a' }] }),
    );
    expect(producer.seen[0]?.record.messages[0]?.headers).toBeUndefined();
    expect(telemetry.spans()).toEqual([]);
  });

  it("runs the client's send in the marked layer; the caller's context stays unmarked", async () => {
    const producer = selfTransactionalProducer();
    await producer.send({ topic: 't', messages: [{ value: 'a' }] });
    expect(producer.seen[0]?.layer).toBe(true);
    expect(context.active().getValue(LAYER)).toBeUndefined();
  });
});

describe('a consumer whose run loop is marked', () => {
  it('runs the handler outside the layer, under its process span', async () => {
    let runContext: unknown;
    const consumer = {
      config: undefined as { eachMessage?: (payload: unknown) => Promise<unknown> } | undefined,
      run: async (config: { eachMessage?: (payload: unknown) => Promise<unknown> }) => {
        runContext = context.active().getValue(LAYER);
        consumer.config = config;
      },
    };
    instrumentConsumer(consumer, { groupId: 'g' }, hooks);
    let inHandler: unknown = 'unset';
    await consumer.run({
      eachMessage: async () => {
        inHandler = context.active().getValue(LAYER);
      },
    });
    await context.with(context.active().setValue(LAYER, true), () =>
      consumer.config?.eachMessage?.({ topic: 't', partition: 0, message: sentWith({}, '1') }),
    );
    expect(runContext).toBe(true);
    expect(inHandler).toBeUndefined();
    expect(telemetry.spans()[0]?.name).toBe('process t');
  });
});

describe('recordPull', () => {
  it('makes one receive span from the pull on, linked to every message; processMessage adds no count', async () => {
    const send = trace.getTracer('t').startSpan('send');
    const carrier: { [key: string]: string } = {};
    propagation.inject(trace.setSpan(context.active(), send), carrier);
    send.end();
    const first = sentWith(carrier, '7');
    const second = sentWith(undefined, '8');
    const startTime = Date.now() - 50;
    recordPull(
      instrumentation.telemetry,
      { groupId: 'g', clientId: 'c' },
      [
        { topic: 'pulled', partition: 3, message: first, uncounted: true },
        { topic: 'pulled', partition: 3, message: second, uncounted: false },
      ],
      { startTime, startedAt: performance.now() - 50 },
    );
    processMessage(first, () => undefined);
    const [receive, process] = telemetry.spans().filter((span) => span.name !== 'send');
    expect(receive).toMatchObject({ name: 'receive pulled', kind: SpanKind.CLIENT });
    expect(receive?.attributes).toMatchObject({
      'messaging.operation.type': 'receive',
      'messaging.destination.partition.id': '3',
      'messaging.consumer.group.name': 'g',
      'messaging.batch.message_count': 2,
    });
    expect(receive?.links).toHaveLength(1);
    expect(receive?.links[0]?.attributes).toMatchObject({ 'messaging.kafka.offset': 7 });
    expect(process?.parentSpanId).toBe(send.spanContext().spanId);
    expect(receive?.startTime[0]).toBe(Math.floor(startTime / 1000));
    const consumed = (await telemetry.collectMetrics()).find(
      (metric) => metric.name === 'messaging.client.consumed.messages',
    );
    const pulled = consumed?.dataPoints.filter(
      (point) => point.attributes['messaging.destination.name'] === 'pulled',
    );
    expect(pulled?.map((point) => point.value)).toEqual([1]);
  });

  it('leaves out topic and partition the messages do not share, and does nothing for none', () => {
    recordPull(instrumentation.telemetry, {}, [], { startTime: 0, startedAt: 0 });
    recordPull(
      instrumentation.telemetry,
      {},
      [
        { topic: 'a', partition: 0, message: sentWith(undefined, '1'), uncounted: true },
        { topic: 'b', partition: 1, message: sentWith(undefined, '2'), uncounted: true },
      ],
      { startTime: Date.now(), startedAt: performance.now() },
    );
    const spans = telemetry.spans();
    expect(spans.map((span) => span.name)).toEqual(['receive']);
    expect(spans[0]?.attributes['messaging.destination.partition.id']).toBeUndefined();
  });
});
