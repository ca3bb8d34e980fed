import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ConfluentKafkaInstrumentation } from '../src/instrumentation';
import { processMessage } from '../src/process-message';
import {
  FakeConsumer,
  FakeProducer,
  fakeEntry,
  type Headers,
  rawMessage,
} from './support/fake-confluent';

/**
 * The rdkafka-style API driven through fake `Producer` and `KafkaConsumer` classes: what the
 * library is called with and what spans and metrics come out. The broker suites in
 * integration-tests run the real client.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => {
  telemetry.reset();
  FakeProducer.calls = [];
  FakeProducer.failWith = undefined;
});

const instrumentation = new ConfluentKafkaInstrumentation();
const entry = fakeEntry();
instrumentation.instrumentModule('@confluentinc/kafka-javascript', entry);
const { Producer, KafkaConsumer } = entry;
const CONFIG = { 'bootstrap.servers': 'broker:9092', 'client.id': 'rd', 'group.id': 'g' };

function sentFrom(name: string): { headers: Headers; spanId: string } {
  const span = trace.getTracer('test').startSpan(name);
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  span.end();
  return {
    headers: Object.entries(carrier).map(([key, value]) => ({ [key]: value })),
    spanId: span.spanContext().spanId,
  };
}

describe('Producer.produce', () => {
  it("sends a copy of the header list carrying the send span; the caller's list is untouched", () => {
    const producer = new Producer(CONFIG);
    const headers: Headers = [
      { app: 'x' },
      { TraceParent: 'stale', keep: 'y' },
      { app: Buffer.from('again') },
    ];
    const before = JSON.stringify(headers);
    expect(producer.produce('orders', null, Buffer.from('body'), 'k', 0, null, headers)).toBe(true);
    expect(JSON.stringify(headers)).toBe(before);
    const sent = FakeProducer.calls[0]?.[6] as Headers;
    expect(sent).not.toBe(headers);
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'send orders', kind: SpanKind.PRODUCER });
    expect(span?.attributes).toMatchObject({
      'messaging.client.id': 'rd',
      'server.address': 'broker',
      'server.port': 9092,
      'messaging.message.body.size': 4,
    });
    expect(sent.slice(0, 3)).toEqual([{ app: 'x' }, { keep: 'y' }, { app: Buffer.from('again') }]);
    const traceparent = sent.find((entry) => 'traceparent' in entry)?.traceparent;
    expect(traceparent).toContain(span?.spanId);
    expect(sent.filter((entry) => 'TraceParent' in entry)).toEqual([]);
    // Pipelines are opt-in: by default no pathway entry is added.
    expect(sent.filter((entry) => entry && 'msgtrace-pw' in entry)).toEqual([]);
  });

  it('adds a pathway entry when pipelines are turned on', () => {
    instrumentation.setConfig({ pipelines: { enabled: true } });
    try {
      new Producer(CONFIG).produce('orders', null, Buffer.from('body'));
      const sent = FakeProducer.calls[0]?.[6] as Headers;
      const pathway = sent.find((entry) => entry && 'msgtrace-pw' in entry);
      expect(String(pathway?.['msgtrace-pw'])).toMatch(/^[0-9a-f]{16}\.1\.[0-9a-z]+$/);
    } finally {
      instrumentation.setConfig({});
    }
  });

  it('adds a header list when the call had none, and keeps entries it cannot read', () => {
    const producer = new Producer(CONFIG);
    producer.produce('t', null, null);
    const odd = [null, 'text', { a: 'b' }] as unknown as Headers;
    producer.produce('t', null, 'v', null, 0, null, odd);
    expect(FakeProducer.calls[0]).toHaveLength(7);
    const [first, second] = FakeProducer.calls.map((call) => call[6] as Headers);
    expect(first?.map((e) => Object.keys(e))).toContainEqual(['traceparent']);
    expect(second?.slice(0, 3)).toEqual([null, 'text', { a: 'b' }]);
    expect(telemetry.spans()[0]?.attributes['messaging.kafka.message.tombstone']).toBe(true);
  });

  it('records a failed produce and rethrows it unchanged; malformed calls pass through', () => {
    const producer = new Producer({ 'metadata.broker.list': 'a:1,b:2' });
    const error = new Error('queue full');
    FakeProducer.failWith = error;
    expect(() => producer.produce('t', null, 'v')).toThrow(error);
    FakeProducer.failWith = undefined;
    producer.produce(undefined as unknown as string, null, 'v');
    const spans = telemetry.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[0]?.attributes['server.address']).toBeUndefined();
  });
});

describe('KafkaConsumer', () => {
  it('runs data listeners under a process span per message, child of its send', async () => {
    const consumer = new KafkaConsumer(CONFIG);
    const sent = sentFrom('send');
    const message = rawMessage('in', 2, 40, [...sent.headers, { app: 'x' }]);
    consumer.next = { messages: [message] };
    const seen: unknown[] = [];
    consumer.on('data', (received) => {
      seen.push(received);
      trace.getTracer('test').startSpan('listener work').end();
    });
    await new Promise((resolve) => consumer.consume(1, resolve));
    expect(seen).toEqual([message]);
    const process = telemetry.spans().find((span) => span.name === 'process in');
    expect(process).toMatchObject({ kind: SpanKind.CONSUMER, parentSpanId: sent.spanId });
    expect(process?.attributes).toMatchObject({
      'messaging.consumer.group.name': 'g',
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 40,
    });
    expect(telemetry.spans().find((span) => span.name === 'listener work')?.parentSpanId).toBe(
      process?.spanId,
    );
    // consume(n, cb) linked the same message, and did not count it twice.
    const receive = telemetry.spans().find((span) => span.name === 'receive in');
    expect(receive?.links.map((link) => link.context.spanId)).toEqual([sent.spanId]);
    const consumed = (await telemetry.collectMetrics()).find(
      (metric) => metric.name === 'messaging.client.consumed.messages',
    );
    const total = consumed?.dataPoints
      .filter((point) => point.attributes['messaging.destination.name'] === 'in')
      .reduce((sum, point) => sum + (point.value as number), 0);
    expect(total).toBe(1);
  });

  it('gives consume(n, cb) one receive span linked to every message; processMessage a child each', async () => {
    const consumer = new KafkaConsumer(CONFIG);
    const first = sentFrom('first');
    const second = sentFrom('second');
    const messages = [
      rawMessage('pulled', 0, 1, first.headers),
      rawMessage('pulled', 1, 2, second.headers),
      rawMessage('pulled', 1, 3, [{ traceparent: 'garbage' }, { 'msgtrace-pw': '\u0000' }]),
    ];
    consumer.next = { messages };
    const caller = trace.getTracer('test').startSpan('caller');
    const got = await context.with(
      trace.setSpan(context.active(), caller),
      () =>
        new Promise<unknown[]>((resolve) =>
          consumer.consume(10, (_error: unknown, received: unknown[]) => {
            expect(trace.getActiveSpan()).toBe(caller);
            resolve(received);
          }),
        ),
    );
    caller.end();
    expect(got).toBe(messages);
    for (const message of messages) processMessage(message, () => undefined);
    const spans = telemetry.spans();
    const receive = spans.find((span) => span.name === 'receive pulled');
    expect(receive).toMatchObject({
      kind: SpanKind.CLIENT,
      parentSpanId: caller.spanContext().spanId,
    });
    expect(receive?.attributes['messaging.batch.message_count']).toBe(3);
    expect(receive?.attributes['messaging.destination.partition.id']).toBeUndefined();
    expect(receive?.links.map((link) => link.context.spanId)).toEqual([
      first.spanId,
      second.spanId,
    ]);
    const processes = spans.filter((span) => span.name === 'process pulled');
    expect(processes.map((span) => span.parentSpanId)).toEqual([
      first.spanId,
      second.spanId,
      undefined,
    ]);
    expect(processes[1]?.attributes['messaging.destination.partition.id']).toBe('1');
  });

  it('passes errors, empty pulls, the flowing loop and other events through without spans', async () => {
    const consumer = new KafkaConsumer(CONFIG);
    const error = new Error('broker down');
    consumer.next = { error };
    const seen = await new Promise((resolve) => consumer.consume(5, resolve));
    expect(seen).toBe(error);
    consumer.next = { messages: [] };
    await new Promise((resolve) => consumer.consume(5, resolve));
    consumer.next = { messages: [rawMessage('flow', 0, 0, undefined)] };
    await new Promise((resolve) => consumer.consume(resolve));
    const other: unknown[] = [];
    consumer.on('rebalance', (event) => other.push(event));
    consumer.emit('rebalance', 'assigned');
    consumer.on('data', () => undefined);
    consumer.emit('data', { not: 'a message' });
    expect(other).toEqual(['assigned']);
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('disabled', () => {
  it('restores produce, consume and emit, and processMessage just runs', async () => {
    instrumentation.disable();
    try {
      const producer = new Producer(CONFIG);
      producer.produce('off', null, 'v', null, 0, null, [{ app: 'x' }]);
      expect(FakeProducer.calls[0]?.[6]).toEqual([{ app: 'x' }]);
      const consumer = new KafkaConsumer(CONFIG);
      consumer.next = { messages: [rawMessage('off', 0, 0, undefined)] };
      consumer.on('data', () => undefined);
      await new Promise((resolve) => consumer.consume(1, resolve));
      expect(processMessage(rawMessage('off', 0, 0, undefined), (span) => span)).toBeUndefined();
      expect(telemetry.spans()).toEqual([]);
      expect(Producer.prototype.produce).toBe(FakeProducer.prototype.produce);
      expect(FakeConsumer.prototype.consume).not.toHaveProperty('__wrapped');
    } finally {
      instrumentation.enable();
      instrumentation.instrumentModule('@confluentinc/kafka-javascript', entry);
    }
  });
});
