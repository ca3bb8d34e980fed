import { describe, expect, it } from '@jest/globals';
import { runConfluentApp } from '../../src/confluent';
import { bareKafkaJs, createTopic, newKafka } from '../../src/kafka';

/**
 * Headers written by a producer nobody instrumented (a bare kafkajs in this process): whatever
 * they hold, the Confluent consumer's app gets every message as it was sent, no exception, and
 * its process spans start traces of their own. The consumer runs with pipelines turned on
 * (`MSGTRACE_PIPELINES=true`), so the hostile pathway headers are read, not just passed over.
 */
const HOSTILE: Record<string, Buffer | string | (Buffer | string)[]>[] = [
  { traceparent: 'not a trace context' },
  { TRACEPARENT: `00-${'f'.repeat(32)}-${'0'.repeat(16)}-01` },
  { traceparent: Buffer.from([0xff, 0xfe, 0x00, 0x80]) },
  { traceparent: ['00-a-b-01', '00-c-d-01'], tracestate: 'x'.repeat(10_000) },
  { 'msgtrace-pw': Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), baggage: '%%%;;;===' },
  { 'msgtrace-pw': 'A'.repeat(100_000) },
];

describe('hostile headers from an uninstrumented producer', () => {
  it('are harmless to the Confluent consumer', async () => {
    const kafka = newKafka(bareKafkaJs(), 'cfk-hostile');
    const topic = await createTopic(kafka, 'cfk-hostile');
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: HOSTILE.map((headers, i) => ({ value: `hostile-${i}`, headers })),
    });
    await producer.disconnect();
    const { output, spans } = await runConfluentApp('consume', topic, {
      env: { COUNT: String(HOSTILE.length), MSGTRACE_PIPELINES: 'true' },
    });
    expect(output.seen).toEqual(
      HOSTILE.map((headers, i) => ({
        value: `hostile-${i}`,
        headers: Object.keys(headers).sort(),
      })),
    );
    const processes = spans.filter((span) => span.name === `process ${topic}`);
    expect(processes).toHaveLength(HOSTILE.length);
    for (const process of processes) expect(process.parentSpanId).toBeUndefined();
  });
});
