import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-kafkajs';
import { assertSpan, childrenOf, type PlainSpan, spansNamed } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import {
  consumeEachBatch,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();

const COUNT = 50;
const PARTITIONS = 3;
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('kafkajs eachBatch', () => {
  it('links each batch span to every message, and processMessage parents per message', async () => {
    const topic = await createTopic(kafka, 'each-batch', PARTITIONS);
    const producer = kafka.producer();
    await producer.connect();
    // One send per message: every message has a creation context of its own to be linked to.
    for (let i = 0; i < COUNT; i++) {
      await producer.send({ topic, messages: [{ value: `m${i}`, partition: i % PARTITIONS }] });
    }
    await producer.disconnect();

    const consumer = await subscribedConsumer(kafka, [topic]);
    const batchActive: (string | undefined)[] = [];
    const received = await consumeEachBatch(consumer, COUNT, async ({ batch, resolveOffset }) => {
      batchActive.push(trace.getActiveSpan()?.spanContext().spanId);
      await Promise.all(
        batch.messages.map((message) =>
          processMessage(message, async () => {
            await tick();
            trace.getTracer('app').startSpan(`handle ${message.value}`).end();
            await tick();
            resolveOffset(message.offset);
          }),
        ),
      );
    });
    expect(received).toHaveLength(COUNT);

    const spans = telemetry.spans();
    const sendOf = new Map<string, PlainSpan>(
      spansNamed(spans, `send ${topic}`).map((send, i) => [`m${i}`, send]),
    );
    const sendBySpanId = new Map([...sendOf].map(([value, send]) => [send.spanId, value]));

    // Batch spans: one per delivered batch, each run as the handler's active span.
    const batches = spans.filter(
      (s) =>
        s.name === `process ${topic}` &&
        s.attributes['messaging.batch.message_count'] !== undefined,
    );
    expect(batches.map((b) => b.spanId).sort()).toEqual([...batchActive].sort());
    let linked = 0;
    for (const batch of batches) {
      assertSpan(batch, { kind: SpanKind.CONSUMER, parent: null });
      expect(batch.links).toHaveLength(batch.attributes['messaging.batch.message_count'] as number);
      const partition = batch.attributes['messaging.destination.partition.id'];
      for (const link of batch.links) {
        const value = sendBySpanId.get(link.context.spanId);
        expect(value).toBeDefined();
        expect(link.attributes['messaging.destination.partition.id']).toBe(partition);
        expect(Number(value?.slice(1)) % PARTITIONS).toBe(Number(partition));
        expect(typeof link.attributes['messaging.kafka.offset']).toBe('number');
        linked++;
      }
    }
    expect(linked).toBe(COUNT);

    // processMessage: one span per message, child of that message's send span, holding the
    // spans its work made even under Promise.all.
    for (const [value, send] of sendOf) {
      const helpers = childrenOf(spans, send);
      expect(helpers.map((h) => h.name)).toEqual([`process ${topic}`]);
      const helper = helpers[0] as PlainSpan;
      assertSpan(helper, {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.batch.message_count': undefined,
          'messaging.consumer.group.name': /^group-/,
          'messaging.destination.partition.id': String(Number(value.slice(1)) % PARTITIONS),
        },
      });
      expect(typeof helper.attributes['messaging.kafka.offset']).toBe('number');
      expect(childrenOf(spans, helper).map((s) => s.name)).toEqual([`handle ${value}`]);
    }

    // Process duration: once per batch, never once per message.
    const duration = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.process.duration',
    );
    const counted = duration?.dataPoints
      .filter((p) => p.attributes['messaging.destination.name'] === topic)
      .reduce((sum, p) => sum + (p.value as { count: number }).count, 0);
    expect(counted).toBe(batches.length + COUNT);
  });
});
