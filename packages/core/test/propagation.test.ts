import { afterEach, describe, expect, it } from '@jest/globals';
import { propagation, ROOT_CONTEXT, type TextMapPropagator, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { contextCarrier, extractContext, recordGetter } from '../src/propagation';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const throwing: TextMapPropagator = {
  inject() {
    throw new Error('inject bug');
  },
  extract() {
    throw new Error('extract bug');
  },
  fields: () => ['x'],
};

afterEach(() => propagation.disable());

describe('contextCarrier / extractContext', () => {
  it('extracts a valid span context with the global propagator', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const { spanContext } = extractContext(
      { traceparent: TRACEPARENT },
      recordGetter,
      ROOT_CONTEXT,
    );
    expect(spanContext?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('yields no span context for garbage, an all-zero id or nothing at all', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    for (const traceparent of ['garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`]) {
      expect(
        extractContext({ traceparent }, recordGetter, ROOT_CONTEXT).spanContext,
      ).toBeUndefined();
    }
    expect(extractContext(undefined, recordGetter, ROOT_CONTEXT).spanContext).toBeUndefined();
  });

  it('does not mistake the active span for the message’s context', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const active = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '1'.repeat(32),
      spanId: '2'.repeat(16),
      traceFlags: 1,
    });
    expect(extractContext({}, recordGetter, active).spanContext).toBeUndefined();
  });

  it('survives a propagator that throws, injecting and extracting nothing', () => {
    propagation.setGlobalPropagator(throwing);
    expect(contextCarrier(ROOT_CONTEXT)).toEqual({});
    const extracted = extractContext({ traceparent: TRACEPARENT }, recordGetter, ROOT_CONTEXT);
    expect(extracted).toEqual({ context: ROOT_CONTEXT, spanContext: undefined });
  });

  it('reads only own string-map keys', () => {
    expect(recordGetter.get({ a: '1' }, 'a')).toBe('1');
    expect(recordGetter.get({ a: '1' }, 'toString')).toBeUndefined();
    expect(recordGetter.get(undefined, 'a')).toBeUndefined();
    expect(recordGetter.keys({ a: '1', b: '2' })).toEqual(['a', 'b']);
    expect(recordGetter.keys(undefined)).toEqual([]);
  });
});
