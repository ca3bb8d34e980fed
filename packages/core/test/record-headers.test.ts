import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  type SpanContext,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import fc from 'fast-check';
import {
  injectIntoHeaders,
  MAX_HEADER_VALUE_BYTES,
  type RecordHeaders,
  recordHeadersGetter,
} from '../src/carriers/record-headers';
import { contextCarrier, extractContext } from '../src/propagation';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const get = (headers: unknown, key: string) =>
  recordHeadersGetter.get(headers as RecordHeaders, key);

beforeAll(() => {
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
});
afterAll(() => propagation.disable());

describe('recordHeadersGetter', () => {
  it.each([
    ['a string', { traceparent: TRACEPARENT }, TRACEPARENT],
    ['a Buffer', { traceparent: Buffer.from(TRACEPARENT) }, TRACEPARENT],
    ['a plain Uint8Array', { traceparent: new TextEncoder().encode(TRACEPARENT) }, TRACEPARENT],
    ['another case', { TraceParent: TRACEPARENT }, TRACEPARENT],
    ['an array (Kafka repeats keys)', { tracestate: ['a=1', Buffer.from('b=2')] }, ['a=1', 'b=2']],
  ])('reads %s', (_what, headers, expected) => {
    const key = 'tracestate' in headers ? 'tracestate' : 'traceparent';
    expect(get(headers, key)).toEqual(expected);
  });

  it('matches case-insensitively whatever case the propagator asks in, own headers only', () => {
    expect(get({ traceparent: TRACEPARENT }, 'TraceParent')).toBe(TRACEPARENT);
    expect(get({ TRACEPARENT }, 'TraceParent')).toBe(TRACEPARENT);
    const inherited = Object.create({ TraceParent: TRACEPARENT }) as RecordHeaders;
    inherited.app = 'x';
    expect(get(inherited, 'traceparent')).toBeUndefined();
  });

  it.each([
    ['missing', {}],
    ['not UTF-8', { traceparent: Buffer.from([0xff, 0xfe, 0x00, 0xc3]) }],
    ['oversized text', { traceparent: 'x'.repeat(MAX_HEADER_VALUE_BYTES + 1) }],
    ['oversized bytes', { traceparent: Buffer.alloc(MAX_HEADER_VALUE_BYTES + 1, 0x61) }],
    ['a number', { traceparent: 42 }],
    ['an object', { traceparent: { nested: TRACEPARENT } }],
    ['null', { traceparent: null }],
    ['an array of garbage', { traceparent: [1, null, Buffer.from([0xff])] }],
  ])('reads %s as absent', (_what, headers) => {
    expect(get(headers, 'traceparent')).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(get({}, 'constructor')).toBeUndefined();
    expect(get({}, '__proto__')).toBeUndefined();
    expect(get(Object.create({ traceparent: TRACEPARENT }), 'traceparent')).toBeUndefined();
  });

  it('treats non-object carriers as empty', () => {
    for (const carrier of [undefined, null, 'traceparent', 7]) {
      expect(get(carrier, 'traceparent')).toBeUndefined();
      expect(recordHeadersGetter.keys(carrier as unknown as RecordHeaders)).toEqual([]);
    }
    expect(recordHeadersGetter.keys({ a: 1, b: 2 })).toEqual(['a', 'b']);
  });

  it('never throws on arbitrary headers (fuzzed)', () => {
    const value = fc.oneof(
      fc.string(),
      fc.uint8Array().map((bytes) => Buffer.from(bytes)),
      fc.array(fc.oneof(fc.string(), fc.uint8Array())),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), fc.string(), (headers, key) => {
        get(headers, key);
        extractContext(headers, recordHeadersGetter, ROOT_CONTEXT);
      }),
    );
  });
});

describe('injectIntoHeaders', () => {
  const carrier = { traceparent: TRACEPARENT, tracestate: 'vendor=1' };

  it('returns a copy with the carrier, leaving the caller’s headers untouched', () => {
    const headers = Object.freeze({ 'x-app': Buffer.from('keep'), retries: 3 });
    const copy = injectIntoHeaders(headers, carrier);
    expect(copy).not.toBe(headers);
    expect(copy).toEqual({ 'x-app': Buffer.from('keep'), retries: 3, ...carrier });
    expect(headers).toEqual({ 'x-app': Buffer.from('keep'), retries: 3 });
  });

  it('drops stale context under another spelling, so a consumer cannot read it', () => {
    const copy = injectIntoHeaders({ TraceParent: 'stale', other: 'x' }, carrier);
    expect(copy).toEqual({ other: 'x', ...carrier });
  });

  it('creates headers when there were none', () => {
    expect(injectIntoHeaders(undefined, carrier)).toEqual(carrier);
  });

  it('returns the caller’s object itself when there is nothing to inject', () => {
    const headers = { a: '1' };
    expect(injectIntoHeaders(headers, {})).toBe(headers);
    expect(injectIntoHeaders(undefined, {})).toBeUndefined();
  });

  it('round-trips a span context and baggage through the global propagator', () => {
    const spanContext: SpanContext = {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    let ctx = trace.setSpanContext(context.active(), spanContext);
    ctx = propagation.setBaggage(ctx, propagation.createBaggage({ tenant: { value: 'acme' } }));
    const headers = injectIntoHeaders({ existing: 'x' }, contextCarrier(ctx));
    const wire = Object.fromEntries(
      Object.entries(headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
    );
    const extracted = extractContext(wire, recordHeadersGetter, ROOT_CONTEXT);
    expect(extracted.spanContext).toMatchObject({ ...spanContext, isRemote: true });
    expect(propagation.getBaggage(extracted.context)?.getEntry('tenant')?.value).toBe('acme');
  });
});
