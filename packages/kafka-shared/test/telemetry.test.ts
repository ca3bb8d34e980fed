import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodePathway } from '@msgtrace/core';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ConsumedMessage, ProducerMessage } from '../src/types';
import { FakeKafkaInstrumentation, processMessage } from './support/fake-instrumentation';

/**
 * The shared hooks and telemetry driven through a fake KafkaJS-API client (a class with the methods msgtrace
 * wraps): what the library is called with and what spans and metrics come out, including the
 * failures a real broker rarely gives. The broker suites cover the real client.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

type Record = { topic: string; messages: ProducerMessage[] };
type RunConfig = {
  eachMessage?: (payload: unknown) => Promise<unknown>;
  eachBatch?: (payload: unknown) => Promise<unknown>;
};

class FakeKafka {
  constructor(readonly options: unknown) {}
  producer() {
    const sent: unknown[] = [];
    let fail: unknown;
    const send = async (record: Record) => {
      sent.push(record);
      if (fail) throw fail;
      return [{ topicName: record.topic, partition: 2, baseOffset: '41' }];
    };
    const sendBatch = async (batch: { topicMessages: Record[] }) => {
      sent.push(batch);
      return batch.topicMessages.map((t) => ({ topicName: t.topic, partition: 0 }));
    };
    return {
      sent,
      failWith: (error: unknown) => {
        fail = error;
      },
      send,
      sendBatch,
      transaction: async () => ({
        send,
        sendBatch,
        commit: async () => undefined,
        abort: async () => undefined,
      }),
    };
  }
  consumer(_options?: unknown) {
    const consumer = {
      config: undefined as RunConfig | undefined,
      run: async (config: RunConfig) => {
        consumer.config = config;
      },
    };
    return consumer;
  }
}

const instrumentation = new FakeKafkaInstrumentation();
const kafkajs = { Kafka: FakeKafka as unknown as object };
instrumentation.instrumentModule('fake-kafka', kafkajs);
const Kafka = kafkajs.Kafka as typeof FakeKafka;
const client = new Kafka({ clientId: 'app', brokers: ['localhost:9092'] });

function consumed(headers: ProducerMessage['headers'], offset = '5'): ConsumedMessage {
  return {
    key: null,
    value: Buffer.from('v'),
    timestamp: String(Date.now() - 1000),
    offset,
    headers,
  };
}

describe('producer', () => {
  it('sends a copy of each message carrying the send span, and records the position', async () => {
    const producer = client.producer();
    const message = Object.freeze({ value: 'a', headers: Object.freeze({ app: 'x' }) });
    await producer.send({ topic: 'orders', messages: [message] });
    const copy = (producer.sent[0] as Record).messages[0];
    expect(copy?.headers?.app).toBe('x');
    expect(typeof copy?.headers?.traceparent).toBe('string');
    expect(message.headers).toEqual({ app: 'x' });
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'send orders', kind: SpanKind.PRODUCER });
    expect(span?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.client.id': 'app',
      'server.address': 'localhost',
      'server.port': 9092,
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 41,
    });
    expect(copy?.headers?.traceparent).toContain(span?.spanId);
  });

  it('gives sendBatch one span per topic, with the batch count', async () => {
    const producer = client.producer();
    await producer.sendBatch({
      topicMessages: [
        { topic: 'a', messages: [{ value: '1' }, { value: '2' }] },
        { topic: 'b', messages: [{ value: '3' }] },
        { topic: 'a', messages: [{ value: '4' }] },
      ],
    });
    const names = telemetry
      .spans()
      .map((s) => [s.name, s.attributes['messaging.batch.message_count']]);
    expect(names).toEqual([
      ['send a', 3],
      ['send b', undefined],
    ]);
    const sent = (producer.sent[0] as { topicMessages: Record[] }).topicMessages;
    expect(sent.map((t) => t.messages.length)).toEqual([2, 1, 1]);
  });

  it('marks a failed send and counts its messages with error.type', async () => {
    const producer = client.producer();
    producer.failWith(new RangeError('broker said no'));
    await expect(producer.send({ topic: 'failing', messages: [{ value: 'a' }] })).rejects.toThrow(
      'broker said no',
    );
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('RangeError');
    const sent = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.client.sent.messages',
    );
    expect(
      sent?.dataPoints.find((p) => p.attributes['messaging.destination.name'] === 'failing')
        ?.attributes['error.type'],
    ).toBe('RangeError');
  });

  it('links a transaction’s commit to the sends made in it', async () => {
    const transaction = await client.producer().transaction();
    await transaction.send({ topic: 'tx', messages: [{ value: 'a' }] });
    await transaction.commit();
    const [send, commit] = telemetry.spans();
    expect(commit).toMatchObject({ name: 'commit', kind: SpanKind.CLIENT });
    expect(commit?.links.map((l) => l.context.spanId)).toEqual([send?.spanId]);
  });

  it('with createSpanPerMessage, each message carries its own create span', async () => {
    instrumentation.setConfig({ createSpanPerMessage: true });
    try {
      const producer = client.producer();
      await producer.send({ topic: 'each', messages: [{ value: '1' }, { value: '2' }] });
      const spans = telemetry.spans();
      const creates = spans.filter((s) => s.name === 'create each');
      const send = spans.find((s) => s.name === 'send each');
      expect(creates).toHaveLength(2);
      expect(send?.links.map((l) => l.context.spanId).sort()).toEqual(
        creates.map((c) => c.spanId).sort(),
      );
      const headers = (producer.sent[0] as Record).messages.map((m) => m.headers?.traceparent);
      expect(headers[0]).toContain(creates[0]?.spanId);
    } finally {
      instrumentation.setConfig({});
    }
  });
});

describe('consumer', () => {
  async function produced(): Promise<ProducerMessage> {
    const producer = client.producer();
    await producer.send({ topic: 'in', messages: [{ value: 'a' }] });
    return (producer.sent[0] as Record).messages[0] as ProducerMessage;
  }

  it('runs eachMessage under a process span, child of the message’s send span', async () => {
    const message = consumed((await produced()).headers);
    const consumer = client.consumer({ groupId: 'g' });
    let handlerConfig: RunConfig = {};
    await consumer.run({ eachMessage: async () => 'handled' });
    handlerConfig = consumer.config ?? {};
    await expect(handlerConfig.eachMessage?.({ topic: 'in', partition: 1, message })).resolves.toBe(
      'handled',
    );
    const [send, process] = telemetry.spans();
    expect(process).toMatchObject({ name: 'process in', kind: SpanKind.CONSUMER });
    expect(process?.parentSpanId).toBe(send?.spanId);
    expect(process?.attributes).toMatchObject({
      'messaging.consumer.group.name': 'g',
      'messaging.kafka.offset': 5,
      'messaging.destination.partition.id': '1',
    });
  });

  it('runs eachBatch under one span linking to every message; processMessage gives each its own', async () => {
    const headers = (await produced()).headers;
    const messages = [consumed(headers, '1'), consumed(undefined, '2')];
    const consumer = client.consumer({ groupId: 'g' });
    const seen: (string | undefined)[] = [];
    await consumer.run({
      eachBatch: async () =>
        Promise.all(
          messages.map((m) => processMessage(m, (span) => seen.push(span?.spanContext().spanId))),
        ),
    });
    await consumer.config?.eachBatch?.({ batch: { topic: 'in', partition: 0, messages } });
    const spans = telemetry.spans();
    const send = spans[0];
    const batch = spans.find((s) => s.name === 'process in' && s.links.length > 0);
    expect(batch?.attributes['messaging.batch.message_count']).toBe(2);
    expect(batch?.links.map((l) => l.context.spanId)).toEqual([send?.spanId]);
    const perMessage = spans.filter((s) => s.name === 'process in' && s !== batch);
    expect(perMessage.map((s) => s.spanId).sort()).toEqual([...seen].sort());
    expect(perMessage.find((s) => s.parentSpanId === send?.spanId)).toBeDefined();
  });

  it('marks a batch span failed when the handler rejects, and rethrows', async () => {
    const consumer = client.consumer({ groupId: 'g' });
    await consumer.run({
      eachBatch: async () => {
        throw new TypeError('bad batch');
      },
    });
    await expect(
      consumer.config?.eachBatch?.({ batch: { topic: 'in', partition: 0, messages: [] } }),
    ).rejects.toThrow('bad batch');
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('disabled', () => {
  it('passes calls through and runs processMessage work without a span', async () => {
    instrumentation.disable();
    try {
      const producer = new Kafka({}).producer();
      await producer.send({ topic: 'off', messages: [{ value: 'a' }] });
      expect((producer.sent[0] as Record).messages[0]?.headers).toBeUndefined();
      expect(processMessage(consumed(undefined), (span) => span)).toBeUndefined();
      expect(telemetry.spans()).toEqual([]);
    } finally {
      instrumentation.enable();
      instrumentation.instrumentModule('fake-kafka', kafkajs);
    }
  });
});

describe('pathways, turned on', () => {
  beforeAll(() => instrumentation.setConfig({ pipelines: { enabled: true } }));
  afterAll(() => instrumentation.setConfig({}));
  const pathwayOf = (message: ProducerMessage | undefined) =>
    decodePathway(message?.headers?.['msgtrace-pw']);

  it('every message carries one; consume-then-produce extends it, in eachMessage and processMessage', async () => {
    const producer = client.producer();
    await producer.send({ topic: 'pw-in', messages: [{ value: 'a' }] });
    const first = (producer.sent[0] as Record).messages[0];
    expect(pathwayOf(first)?.hops).toBe(1);

    const consumer = client.consumer({ groupId: 'g' });
    await consumer.run({
      eachMessage: async () => producer.send({ topic: 'pw-out', messages: [{ value: 'b' }] }),
    });
    await consumer.config?.eachMessage?.({
      topic: 'pw-in',
      partition: 0,
      message: consumed(first?.headers),
    });
    const second = pathwayOf((producer.sent[1] as Record).messages[0]);
    expect(second).toMatchObject({ hops: 2, startMs: pathwayOf(first)?.startMs });

    // Inside eachBatch: processMessage continues each message's pathway; the batch alone does not.
    await consumer.run({
      eachBatch: async (payload: unknown) => {
        const { batch } = payload as { batch: { messages: ConsumedMessage[] } };
        await producer.send({ topic: 'pw-batch', messages: [{ value: 'c' }] });
        for (const message of batch.messages) {
          await processMessage(message, () =>
            producer.send({ topic: 'pw-each', messages: [{ value: 'd' }] }),
          );
        }
      },
    });
    await consumer.config?.eachBatch?.({
      batch: { topic: 'pw-in', partition: 0, messages: [consumed(first?.headers)] },
    });
    expect(pathwayOf((producer.sent[2] as Record).messages[0])?.hops).toBe(1);
    expect(pathwayOf((producer.sent[3] as Record).messages[0])).toMatchObject({
      hops: 2,
      startMs: second?.startMs,
    });

    const consumedPoints = (await telemetry.collectMetrics())
      .find((m) => m.name === 'msgtrace.pathway.consumed')
      ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === 'pw-in');
    expect(consumedPoints).toEqual([
      {
        attributes: expect.objectContaining({
          'msgtrace.pathway.id': pathwayOf(first)?.id,
          'msgtrace.pathway.hops': 1,
        }),
        value: 2, // eachMessage once, the batch once (processMessage does not count it again)
      },
    ]);
  });

  it('pipelines.enabled false writes no pathway', async () => {
    instrumentation.setConfig({ pipelines: { enabled: false } });
    try {
      const producer = client.producer();
      await producer.send({ topic: 'pw-off', messages: [{ value: 'a' }] });
      expect((producer.sent[0] as Record).messages[0]?.headers?.['msgtrace-pw']).toBeUndefined();
    } finally {
      instrumentation.setConfig({ pipelines: { enabled: true } });
    }
  });
});

describe('pathways, by default (off)', () => {
  it('writes no pathway header; a consumed one reaches the handler as it came and is not continued', async () => {
    const producer = client.producer();
    await producer.send({ topic: 'pw-default', messages: [{ value: 'a' }] });
    const sent = (producer.sent[0] as Record).messages[0];
    expect(typeof sent?.headers?.traceparent).toBe('string');
    expect(sent?.headers).not.toHaveProperty('msgtrace-pw');

    const incoming = { 'msgtrace-pw': '9f86d081884c7d65.2.mx2w2s2m', app: 'x' };
    const seen: unknown[] = [];
    const consumer = client.consumer({ groupId: 'g-default' });
    await consumer.run({
      eachMessage: async (payload: unknown) => {
        seen.push((payload as { message: ConsumedMessage }).message.headers);
        await producer.send({ topic: 'pw-default-out', messages: [{ value: 'b' }] });
      },
    });
    await consumer.config?.eachMessage?.({
      topic: 'pw-default',
      partition: 0,
      message: consumed({ ...incoming }),
    });
    expect(seen).toEqual([incoming]);
    expect((producer.sent[1] as Record).messages[0]?.headers).not.toHaveProperty('msgtrace-pw');
    const recorded = (await telemetry.collectMetrics())
      .filter((m) => m.name.startsWith('msgtrace.pathway'))
      .flatMap((m) => m.dataPoints)
      .filter((p) => String(p.attributes['messaging.destination.name']).startsWith('pw-default'));
    expect(recorded).toEqual([]);
  });
});
