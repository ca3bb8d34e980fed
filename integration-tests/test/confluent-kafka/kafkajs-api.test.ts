import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { counted, runConfluentApp } from '../../src/confluent';
import { lowestInstalled } from '../../src/versions';

/**
 * The Confluent client's KafkaJS API against the real broker: the same spans, attributes and
 * metrics as kafkajs makes for the same work (the kafkajs suites assert the same shapes).
 */
describe.each([
  ['1.10.1', undefined],
  ['1.0.0', 'lowest'],
])('@confluentinc/kafka-javascript %s, KafkaJS API', (version, which) => {
  const env = (): NodeJS.ProcessEnv => {
    if (!which) return {};
    const lowest = lowestInstalled('@confluentinc/kafka-javascript', 'confluent-kafka');
    expect(lowest.version).toBe(version);
    return { CONFLUENT_MODULE: lowest.dir };
  };

  it('send and sendBatch carry their span to eachMessage; the caller objects stay as they were', async () => {
    const topic = uniqueName('cfk-api');
    const { output, spans, metrics } = await runConfluentApp('kafkajs-api', topic, { env: env() });
    expect(output).toEqual({
      callerUnchanged: true,
      seen: [
        { value: 'one', headers: ['app', 'traceparent'] },
        { value: 'two', headers: ['traceparent'] },
        { value: 'three', headers: ['traceparent'] },
      ],
    });
    // One span per call: sendBatch calls send inside the client, and both produce through the
    // rdkafka layer, neither of which adds a span.
    const sends = spansNamed(spans, `send ${topic}`);
    expect(sends).toHaveLength(2);
    const [single, batch] = [
      sends.find((s) => s.attributes['messaging.batch.message_count'] === undefined),
      sends.find((s) => s.attributes['messaging.batch.message_count'] === 2),
    ];
    if (!single || !batch) throw new Error('expected a single send and a batch of two');
    for (const send of sends) {
      assertSpan(send, {
        kind: SpanKind.PRODUCER,
        parent: null,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': topic,
          'messaging.client.id': 'cfk-app',
          'server.address': '127.0.0.1',
          'server.port': 9092,
        },
      });
    }
    assertSpan(single, {
      attributes: {
        'messaging.destination.partition.id': '0',
        'messaging.kafka.offset': 0,
        'messaging.message.body.size': 3,
      },
    });
    const processes = spansNamed(spans, `process ${topic}`);
    expect(processes.map((p) => p.parentSpanId)).toEqual([
      single.spanId,
      batch.spanId,
      batch.spanId,
    ]);
    for (const [i, process] of processes.entries()) {
      assertSpan(process, {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': `${topic}-group`,
          'messaging.destination.partition.id': '0',
          'messaging.kafka.offset': i,
        },
      });
    }
    expect(onlySpan(spans, 'handler one').parentSpanId).toBe(processes[0]?.spanId);
    expect(counted(metrics, 'messaging.client.sent.messages', topic)).toBe(3);
    expect(counted(metrics, 'messaging.client.consumed.messages', topic)).toBe(3);
    const names = metrics.map((m) => m.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'messaging.client.operation.duration',
        'messaging.process.duration',
        'msgtrace.messaging.message.age',
      ]),
    );
  });

  it('eachBatch links to every message; processMessage gives each a child of its send', async () => {
    const topic = uniqueName('cfk-batch');
    const { output, spans } = await runConfluentApp('each-batch', topic, { env: env() });
    expect((output.seen as { value: string }[]).map((s) => s.value).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
    const send = onlySpan(spans, `send ${topic}`);
    expect(send.attributes['messaging.batch.message_count']).toBe(3);
    const processes = spansNamed(spans, `process ${topic}`);
    // The client hands eachBatch what it has fetched: one batch or several, each span linking
    // to exactly its messages, all three messages linked once in all.
    const batches = processes.filter((p) => p.parentSpanId === undefined);
    const links = batches.flatMap((b) => b.links);
    expect(links.map((l) => l.context.spanId)).toEqual([send.spanId, send.spanId, send.spanId]);
    expect(links.map((l) => l.attributes['messaging.kafka.offset']).sort()).toEqual([0, 1, 2]);
    const perMessage = processes.filter((p) => p.parentSpanId === send.spanId);
    expect(perMessage).toHaveLength(3);
    for (const value of ['a', 'b', 'c']) {
      const handler = onlySpan(spans, `handler ${value}`);
      expect(perMessage.map((p) => p.spanId)).toContain(handler.parentSpanId);
    }
  });

  it('ends a transaction with a commit span linked to its sends', async () => {
    const topic = uniqueName('cfk-tx');
    const { spans } = await runConfluentApp('transaction', topic, { env: env() });
    const sends = spansNamed(spans, `send ${topic}`);
    expect(sends).toHaveLength(2);
    assertSpan(onlySpan(spans, 'commit'), {
      kind: SpanKind.CLIENT,
      links: sends.map((send) => ({ to: send })),
      attributes: { 'messaging.operation.name': 'commit', 'messaging.client.id': 'cfk-app' },
    });
  });
});
