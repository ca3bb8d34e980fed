import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { counted, runConfluentApp } from '../../src/confluent';
import { lowestInstalled } from '../../src/versions';

/** The rdkafka-style API against the real broker: `Producer.produce`, `KafkaConsumer`. */
describe.each([
  ['1.10.1', undefined],
  ['1.0.0', 'lowest'],
])('@confluentinc/kafka-javascript %s, rdkafka API', (_version, which) => {
  const env = (): NodeJS.ProcessEnv =>
    which
      ? {
          CONFLUENT_MODULE: lowestInstalled('@confluentinc/kafka-javascript', 'confluent-kafka')
            .dir,
        }
      : {};

  const expectSends = (spans: Parameters<typeof spansNamed>[0], topic: string) => {
    const sends = spansNamed(spans, `send ${topic}`);
    expect(sends).toHaveLength(2);
    for (const send of sends) {
      assertSpan(send, {
        kind: SpanKind.PRODUCER,
        parent: null,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.client.id': 'cfk-rd',
          'server.address': '127.0.0.1',
          'server.port': 9092,
        },
      });
    }
    return sends;
  };

  it('produce carries its span in a copied header list; data listeners run under a process span', async () => {
    const topic = uniqueName('cfk-rd-data');
    const { output, spans, metrics } = await runConfluentApp('rdkafka-data', topic, { env: env() });
    // The app's two `app` headers arrive as it sent them, beside ours.
    expect(output.seen).toEqual([
      { value: 'rd-1', headers: ['app', 'app', 'traceparent'] },
      { value: 'rd-2', headers: ['app', 'app', 'traceparent'] },
    ]);
    const sends = expectSends(spans, topic);
    const processes = spansNamed(spans, `process ${topic}`);
    expect(processes.map((p) => p.parentSpanId)).toEqual(sends.map((s) => s.spanId));
    expect(processes[0]).toMatchObject({
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.consumer.group.name': `${topic}-group`,
        'messaging.destination.partition.id': '0',
        'messaging.kafka.offset': 0,
      },
    });
    expect(onlySpan(spans, 'handler rd-1').parentSpanId).toBe(processes[0]?.spanId);
    expect(counted(metrics, 'messaging.client.sent.messages', topic)).toBe(2);
    expect(counted(metrics, 'messaging.client.consumed.messages', topic)).toBe(2);
  });

  it('consume(n, cb) makes a receive span linked to its messages; processMessage a child each', async () => {
    const topic = uniqueName('cfk-rd-pull');
    const { output, spans, metrics } = await runConfluentApp('rdkafka-pull', topic, {
      env: env(),
    });
    expect((output.seen as { value: string }[]).map((s) => s.value)).toEqual(['pull-1', 'pull-2']);
    const sends = expectSends(spans, topic);
    const receives = spansNamed(spans, `receive ${topic}`);
    expect(receives.length).toBeGreaterThan(0);
    for (const receive of receives) assertSpan(receive, { kind: SpanKind.CLIENT, parent: null });
    expect(receives.flatMap((r) => r.links.map((l) => l.context.spanId))).toEqual(
      sends.map((s) => s.spanId),
    );
    const processes = spansNamed(spans, `process ${topic}`);
    expect(processes.map((p) => p.parentSpanId)).toEqual(sends.map((s) => s.spanId));
    expect(onlySpan(spans, 'handler pull-2').parentSpanId).toBe(processes[1]?.spanId);
    // Counted once, by the pull, not again by processMessage.
    expect(counted(metrics, 'messaging.client.consumed.messages', topic)).toBe(2);
  });
});
