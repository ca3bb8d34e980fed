import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, type PlainSpan, uniqueName } from '@msgtrace/test-utils';
import { runConfluentApp, runKafkaJsSide } from '../../src/confluent';

/**
 * kafkajs and the Confluent client, each under `@msgtrace/auto/register`, on one topic: a
 * message sent by one is processed by the other in the sender's trace, and both make the same
 * spans with the same attributes for the same work (only the values that name the app differ).
 */
const AUTO = { require: ['@msgtrace/auto/register'] };

/** A span's shape without the values that differ by app: name, kind, attribute names. */
const shape = (span: PlainSpan) => ({
  name: span.name,
  kind: span.kind,
  attributes: Object.keys(span.attributes).sort(),
});

describe('kafkajs ⇄ Confluent', () => {
  it('kafkajs sends, the Confluent client processes in the same trace', async () => {
    const topic = uniqueName('cfk-from-kafkajs');
    const sent = await runKafkaJsSide('produce', topic, AUTO);
    const received = await runConfluentApp('consume', topic, AUTO);
    expect(received.output).toEqual({
      seen: [{ value: 'kafkajs-0', headers: ['traceparent'] }],
    });
    const send = onlySpan(sent.spans, `send ${topic}`);
    const process = onlySpan(received.spans, `process ${topic}`);
    expect(process.traceId).toBe(send.traceId);
    expect(process.parentSpanId).toBe(send.spanId);
    assertSpan(onlySpan(received.spans, 'handler kafkajs-0'), { parent: process });
  });

  it('the Confluent client sends, kafkajs processes in the same trace; the spans match', async () => {
    const topic = uniqueName('cfk-to-kafkajs');
    const sent = await runConfluentApp('produce', topic, AUTO);
    const received = await runKafkaJsSide('consume', topic, AUTO);
    expect(received.output).toEqual({
      seen: [{ value: 'confluent-0', headers: ['traceparent'] }],
    });
    const send = onlySpan(sent.spans, `send ${topic}`);
    const process = onlySpan(received.spans, `process ${topic}`);
    expect(process.parentSpanId).toBe(send.spanId);

    // The other direction's spans, for the comparison: one topic each way.
    const back = uniqueName('cfk-shape');
    const kafkajsSend = onlySpan(
      (await runKafkaJsSide('produce', back, AUTO)).spans,
      `send ${back}`,
    );
    const confluentProcess = onlySpan(
      (await runConfluentApp('consume', back, AUTO)).spans,
      `process ${back}`,
    );
    // kafkajs reads the cluster id from metadata it already holds; librdkafka exposes none
    // without an admin request, so the Confluent spans go without it (the package README says so).
    const withoutClusterId = (span: PlainSpan) => {
      const { attributes, ...rest } = shape(span);
      return { ...rest, attributes: attributes.filter((a) => a !== 'messaging.kafka.cluster.id') };
    };
    expect(withoutClusterId(send)).toEqual({
      ...withoutClusterId(kafkajsSend),
      name: `send ${topic}`,
    });
    expect(withoutClusterId(confluentProcess)).toEqual({
      ...withoutClusterId(process),
      name: `process ${back}`,
    });
  });
});
