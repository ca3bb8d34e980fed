import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  onlySpan,
  spansNamed,
  uniqueName,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe.each(['piscina', 'tinypool'])('a Kafka consumer handing messages to %s', (pool) => {
  const apps = withReceiver();

  it("puts the worker's spans in each message's trace, under its process span", async () => {
    const topic = uniqueName(`pool-${pool}`);
    const result = await apps.run(fixture('worker-pools/fixtures/kafka-to-pool.mjs'), {
      import: [AUTO],
      env: { TOPIC: topic, POOL: pool },
    });
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    const outcomes = JSON.parse(result.stdout.trim()) as { traceId: string; spanId: string }[];
    const send = onlySpan(result.spans, `send ${topic}`);
    const processes = spansNamed(result.spans, `process ${topic}`);
    expect(processes).toHaveLength(2);
    for (const [i, id] of ['order-1', 'order-2'].entries()) {
      const work = onlySpan(result.spans, `work ${id}`);
      const task = result.spans.find((s) => s.spanId === work.parentSpanId);
      if (!task) throw new Error(`no task span above work ${id}`);
      const process = processes.find((s) => s.spanId === task.parentSpanId);
      if (!process) throw new Error(`task ${id} is not under a process span`);
      assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
      assertSpan(task, { kind: SpanKind.INTERNAL, parent: process });
      expect(task.traceId).toBe(send.traceId);
      expect(outcomes[i]).toMatchObject({ traceId: send.traceId, spanId: task.spanId });
    }
  });
});
