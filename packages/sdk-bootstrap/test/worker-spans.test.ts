import { describe, expect, it } from '@jest/globals';
import { createTraceState, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type EndedSpan, spanFromWire, spanToWire } from '../src/span-wire';

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
