import { getEnvironmentData } from 'node:worker_threads';
import { afterAll, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry, type TestTelemetry } from '@msgtrace/test-utils';
import { createTraceState, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type EndedSpan, spanFromWire, spanToWire } from '../src/span-wire';
import { acceptWorkerSpans, WorkerSpanForwarder, workerSpanForwarder } from '../src/worker-spans';

const context = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: 1,
  traceState: createTraceState('ot=th:0'),
};

const ended: EndedSpan = {
  name: 'task fraud.js',
  kind: SpanKind.INTERNAL,
  spanContext: () => context,
  parentSpanContext: { ...context, spanId: '00f067aa0ba902b7', isRemote: true },
  startTime: [1, 2],
  endTime: [1, 500],
  duration: [0, 498],
  status: { code: SpanStatusCode.ERROR, message: 'bad' },
  attributes: { 'thread.id': 2, list: ['a'] },
  links: [{ context: { ...context, spanId: '1111111111111111' }, attributes: { n: 1 } }],
  events: [{ name: 'exception', time: [1, 3], attributes: { 'exception.type': 'TypeError' } }],
  ended: true,
  resource: { worker: true },
  instrumentationScope: { name: '@msgtrace/instrumentation-worker-pools', version: '0.1.0' },
  droppedAttributesCount: 0,
  droppedEventsCount: 1,
  droppedLinksCount: 2,
};

describe('worker span wire format', () => {
  it('survives a structured clone and comes back as a span of the receiving resource', () => {
    const wire = structuredClone(spanToWire(ended));
    const resource = { main: true };
    const back = spanFromWire(wire, resource);
    if (!back) throw new Error('not read back');
    expect(back.spanContext()).toMatchObject({ traceId: context.traceId, spanId: context.spanId });
    expect(back.spanContext().traceState?.serialize()).toBe('ot=th:0');
    expect(back.parentSpanContext).toMatchObject({ spanId: '00f067aa0ba902b7', isRemote: true });
    expect(back.resource).toBe(resource);
    const { spanContext: _a, parentSpanContext: _b, resource: _c, links, ...rest } = back;
    const {
      spanContext: _d,
      parentSpanContext: _e,
      resource: _f,
      links: sent,
      ...original
    } = ended;
    expect(rest).toEqual(original);
    expect(links[0]?.context.spanId).toBe('1111111111111111');
    expect(links[0]?.attributes).toEqual({ n: 1 });
    expect(sent).toHaveLength(1);
  });

  it('leaves out what a span does not have', () => {
    const bare: EndedSpan = {
      ...ended,
      spanContext: () => ({ traceId: context.traceId, spanId: context.spanId, traceFlags: 1 }),
      parentSpanContext: undefined,
      links: [{ context: { traceId: context.traceId, spanId: '2222222222222222', traceFlags: 1 } }],
      instrumentationScope: { name: 'bare' },
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    };
    const wire = spanToWire(bare);
    expect(wire).not.toHaveProperty('parent');
    expect(wire.context).toEqual({
      traceId: context.traceId,
      spanId: context.spanId,
      traceFlags: 1,
    });
    expect(wire.links).toEqual([
      { context: { traceId: context.traceId, spanId: '2222222222222222', traceFlags: 1 } },
    ]);
    expect(wire.scope).toEqual({ name: 'bare' });
    const back = spanFromWire({ ...wire, dropped: [] }, undefined);
    expect(back?.parentSpanContext).toBeUndefined();
    expect(back?.spanContext().traceState).toBeUndefined();
    expect([
      back?.droppedAttributesCount,
      back?.droppedEventsCount,
      back?.droppedLinksCount,
    ]).toEqual([0, 0, 0]);
  });

  it('reads nothing from messages it did not write', () => {
    for (const value of [
      null,
      1,
      'span',
      {},
      { name: 'x', context: {} },
      { ...spanToWire(ended), links: 1 },
    ]) {
      expect(spanFromWire(value, {})).toBeUndefined();
    }
  });
});

describe('worker span forwarding in this (main) thread', () => {
  const telemetry = setupTestTelemetry();
  afterAll(() => telemetry.shutdown());

  it('feeds spans posted on the channel to the registered SDK, and announces it to workers', async () => {
    expect(acceptWorkerSpans()).toBe(true);
    expect(getEnvironmentData('msgtrace.worker-spans')).toBe('msgtrace.worker-spans');
    // What a worker's forwarder posts, here from this thread (BroadcastChannel delivers to every
    // other channel of the same name, in any thread).
    const forwarder = new WorkerSpanForwarder();
    forwarder.onStart();
    forwarder.onEnd(ended);
    forwarder.onEnd({
      ...ended,
      name: 'unsampled',
      spanContext: () => ({ ...context, traceFlags: 0 }),
    });
    await forwarder.forceFlush();
    const [span] = await waitForSpans(telemetry, 1);
    expect(span).toMatchObject({
      name: 'task fraud.js',
      traceId: context.traceId,
      spanId: context.spanId,
    });
    await forwarder.shutdown();
    forwarder.onEnd(ended);
    expect(telemetry.spans().map((s) => s.name)).toEqual(['task fraud.js']);
  });

  it('makes no forwarder in the main thread', () => {
    expect(workerSpanForwarder()).toBeUndefined();
  });
});

async function waitForSpans(telemetry: TestTelemetry, count: number) {
  for (let i = 0; i < 200 && telemetry.spans().length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return telemetry.spans();
}
