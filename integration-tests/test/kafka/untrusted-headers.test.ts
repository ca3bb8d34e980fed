import { describe, expect, it } from '@jest/globals';
import { assertSpan, spansNamed } from '@msgtrace/test-utils';
import { SpanStatusCode } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import {
  bareKafkaJs,
  consumeEachMessage,
  createTopic,
  instrumentKafka,
  newKafka,
  subscribedConsumer,
} from '../../src/kafka';

const { telemetry, kafka } = instrumentKafka();
// Someone else's producer: a kafkajs module of its own that msgtrace never patched.
const bare = newKafka(bareKafkaJs(), 'bare-producer');

const HOSTILE: Record<string, IHeaders> = {
  none: {},
  garbage: { traceparent: 'not-a-traceparent' },
  'all-zero ids': { traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01` },
  oversized: { traceparent: `00-${'a'.repeat(20_000)}` },
  binary: { traceparent: Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]) },
  'repeated values': { traceparent: ['garbage', Buffer.from([0xff])] },
  'wrong case, wrong value': { TraceParent: 'x', tracestate: 'y'.repeat(9000) },
};

describe('kafkajs messages with no or hostile trace headers', () => {
  it('yields root process spans and hands the application every header byte as sent', async () => {
    const topic = await createTopic(kafka, 'hostile');
    const producer = bare.producer();
    await producer.connect();
    const cases = Object.entries(HOSTILE);
    for (const [name, headers] of cases) {
      await producer.send({ topic, messages: [{ value: name, headers }] });
    }
    await producer.disconnect();

    const received = await consumeEachMessage(
      await subscribedConsumer(kafka, [topic]),
      cases.length,
    );
    for (const { message } of received) {
      const sent = HOSTILE[message.value?.toString() ?? ''];
      const asBuffers = Object.fromEntries(
        Object.entries(sent ?? {}).map(([key, value]) => [
          key,
          Array.isArray(value) ? value.map((v) => Buffer.from(v)) : Buffer.from(value as string),
        ]),
      );
      expect(message.headers).toEqual(asBuffers);
    }

    const spans = telemetry.spans();
    expect(spansNamed(spans, `send ${topic}`)).toEqual([]);
    const processes = spansNamed(spans, `process ${topic}`);
    expect(processes).toHaveLength(cases.length);
    for (const process of processes) {
      assertSpan(process, { parent: null, links: [], status: SpanStatusCode.UNSET });
    }
  });
});
