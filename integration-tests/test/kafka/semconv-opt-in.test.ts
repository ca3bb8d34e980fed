import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import {
  consumeEachBatch,
  createTopic,
  instrumentKafka,
  subscribedConsumer,
} from '../../src/kafka';

// What OTEL_SEMCONV_STABILITY_OPT_IN=messaging selects, given as the option.
const { telemetry, kafka } = instrumentKafka({
  semconvStabilityOptIn: 'messaging',
  captureMessageKey: true,
});

/** Every attribute name on the spans, their links and the metric points of this topic. */
function namesOf(attributes: Record<string, unknown>[]): Set<string> {
  return new Set(attributes.flatMap((a) => Object.keys(a)));
}

describe('kafkajs with the v1.45 names (OTEL_SEMCONV_STABILITY_OPT_IN=messaging)', () => {
  it('emits kafka.* and messaging.system.name on spans, links and metrics, no v1.44 names', async () => {
    const topic = await createTopic(kafka, 'semconv-v145');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k1', value: 'a' }] });
    await producer.send({ topic, messages: [{ key: 'k2', value: null }] });
    await producer.disconnect();
    const consumer = await subscribedConsumer(kafka, [topic]);
    await consumeEachBatch(consumer, 2, async () => undefined);

    const spans = telemetry.spans().filter((s) => s.name.endsWith(` ${topic}`));
    const sends = spans.filter((s) => s.name === `send ${topic}`);
    expect(sends).toHaveLength(2);
    assertSpan(sends[0] as (typeof sends)[number], {
      attributes: {
        'messaging.system.name': 'kafka',
        'kafka.message.key': 'k1',
        'kafka.offset': 0,
        'messaging.destination.partition.id': '0',
      },
    });
    assertSpan(sends[1] as (typeof sends)[number], {
      attributes: { 'kafka.message.tombstone': true, 'kafka.offset': 1 },
    });
    const batch = onlySpan(spans, `process ${topic}`);
    assertSpan(batch, { attributes: { 'messaging.system.name': 'kafka' } });
    for (const span of [...sends, batch]) {
      expect(typeof span.attributes['kafka.cluster.id']).toBe('string');
    }
    expect(batch.links.map((link) => link.attributes)).toEqual([
      { 'messaging.destination.partition.id': '0', 'kafka.offset': 0 },
      { 'messaging.destination.partition.id': '0', 'kafka.offset': 1 },
    ]);

    const metrics = await telemetry.collectMetrics();
    const points = metrics.flatMap((m) =>
      m.dataPoints
        .filter((p) => p.attributes['messaging.destination.name'] === topic)
        .map((p) => [m.name, p.attributes] as const),
    );
    expect(points.map(([name]) => name).sort()).toEqual(
      expect.arrayContaining([
        'messaging.client.consumed.messages',
        'messaging.client.operation.duration',
        'messaging.client.sent.messages',
        'messaging.process.duration',
      ]),
    );
    for (const [, attributes] of points) {
      expect(attributes['messaging.system.name']).toBe('kafka');
    }
    const names = namesOf([
      ...spans.map((s) => s.attributes),
      ...spans.flatMap((s) => s.links.map((l) => l.attributes ?? {})),
      ...points.map(([, a]) => a),
    ]);
    expect(
      [...names].filter((n) => n === 'messaging.system' || n.startsWith('messaging.kafka.')),
    ).toEqual([]);
  });
});
