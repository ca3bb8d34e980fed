import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { assertSpan, onlySpan, setupTestTelemetry } from '@msgtrace/test-utils';
import {
  type Attributes,
  context,
  ROOT_CONTEXT,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { BasicTracerProvider, type Sampler, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import type { MessagingOperation } from '../src/operation';
import {
  defaultMaxLinks,
  errorTypeOf,
  recordError,
  startBatchSpan,
  startMessageSpan,
  startOperationSpan,
} from '../src/spans';

const telemetry = setupTestTelemetry();
const tracer = trace.getTracer('core-test');
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const send: MessagingOperation = {
  system: 'kafka',
  type: 'send',
  name: 'send',
  destination: 'orders',
};
const process_: MessagingOperation = { ...send, type: 'process', name: 'process' };
const receive: MessagingOperation = {
  system: 'aws_sqs',
  type: 'receive',
  name: 'receive',
  destination: 'jobs',
};

/** A producer's span context, as a consumer would extract it. */
function producer(): {
  spanContext: SpanContext;
  context: ReturnType<typeof trace.setSpanContext>;
} {
  const span = tracer.startSpan('upstream send');
  span.end();
  const spanContext = { ...span.spanContext(), isRemote: true };
  return { spanContext, context: trace.setSpanContext(ROOT_CONTEXT, spanContext) };
}

describe('startOperationSpan', () => {
  it('names, kinds and attributes a send span per the conventions', () => {
    startOperationSpan(tracer, send).span.end();
    assertSpan(onlySpan(telemetry.spans(), 'send orders'), {
      kind: SpanKind.PRODUCER,
      parent: null,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': 'orders',
        'messaging.batch.message_count': undefined,
      },
    });
  });

  it('counts a batch and returns a context with the span active', () => {
    const { span, context: ctx } = startOperationSpan(tracer, send, { messageCount: 3 });
    expect(trace.getSpan(ctx)).toBe(span);
    span.end();
    assertSpan(onlySpan(telemetry.spans(), 'send orders'), {
      attributes: { 'messaging.batch.message_count': 3 },
    });
  });

  it('names an anonymous destination by the operation alone and adds given attributes', () => {
    startOperationSpan(tracer, {
      ...send,
      destination: undefined,
      attributes: { 'messaging.destination.anonymous': true },
    }).span.end();
    assertSpan(onlySpan(telemetry.spans(), 'send'), {
      attributes: {
        'messaging.destination.name': undefined,
        'messaging.destination.anonymous': true,
      },
    });
  });
});

describe('recorded attributes', () => {
  const detailed: MessagingOperation = {
    ...process_,
    attributes: { 'messaging.consumer.group.name': 'g' },
    recordedAttributes: { 'messaging.message.id': 'm-1', 'messaging.kafka.offset': 7 },
  };

  function samplerSeeing(decision: SamplingDecision, seen: Record<string, unknown>[]): Sampler {
    return {
      shouldSample(_ctx, _traceId, _name, _kind, attributes) {
        seen.push({ ...attributes });
        return { decision };
      },
      toString: () => 'attribute-recording sampler',
    };
  }

  it('gives samplers the creation attributes only, and a recorded span both', () => {
    const seen: Record<string, unknown>[] = [];
    const provider = new BasicTracerProvider({
      sampler: samplerSeeing(SamplingDecision.RECORD_AND_SAMPLED, seen),
    });
    const span = startMessageSpan(provider.getTracer('t'), detailed, undefined, 'child').span;
    expect(seen).toEqual([
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.destination.name': 'orders',
        'messaging.consumer.group.name': 'g',
      },
    ]);
    expect((span as unknown as { attributes: Record<string, unknown> }).attributes).toEqual({
      ...seen[0],
      'messaging.message.id': 'm-1',
      'messaging.kafka.offset': 7,
    });
  });

  it('sets them only on a span that records', () => {
    const setCalls = (recording: boolean): Attributes[] => {
      const calls: Attributes[] = [];
      const span = trace.wrapSpanContext(producer().spanContext);
      span.isRecording = () => recording;
      span.setAttributes = (attributes) => {
        calls.push(attributes);
        return span;
      };
      const spy = { startSpan: () => span } as unknown as Tracer;
      startMessageSpan(spy, detailed, undefined, 'child');
      return calls;
    };
    expect(setCalls(false)).toEqual([]);
    expect(setCalls(true)).toEqual([detailed.recordedAttributes]);
  });
});

describe('startMessageSpan', () => {
  it('child mode: the producer is the parent', () => {
    const upstream = producer();
    startMessageSpan(tracer, process_, upstream.context, 'child').span.end();
    assertSpan(onlySpan(telemetry.spans(), 'process orders'), {
      kind: SpanKind.CONSUMER,
      parent: upstream.spanContext,
      links: [],
    });
  });

  it('link mode: the active context is the parent and the producer a link', () => {
    const upstream = producer();
    const local = tracer.startSpan('poll loop');
    context.with(trace.setSpan(ROOT_CONTEXT, local), () => {
      startMessageSpan(tracer, process_, upstream.context, 'link', {
        linkAttributes: { 'messaging.kafka.offset': 12 },
      }).span.end();
    });
    local.end();
    assertSpan(onlySpan(telemetry.spans(), 'process orders'), {
      parent: local.spanContext(),
      links: [{ to: upstream.spanContext, attributes: { 'messaging.kafka.offset': 12 } }],
    });
  });

  it('a message without context gets neither parent nor link, in either mode', () => {
    startMessageSpan(tracer, process_, undefined, 'child').span.end();
    startMessageSpan(tracer, process_, ROOT_CONTEXT, 'link').span.end();
    for (const span of telemetry.spans()) assertSpan(span, { parent: null, links: [] });
  });
});

describe('startBatchSpan', () => {
  it('links every message at creation, with per-link attributes and an exact count', () => {
    const [first, second, third] = [producer(), producer(), producer()];
    const started = startBatchSpan(
      tracer,
      receive,
      [
        { creation: first.spanContext, linkAttributes: { 'messaging.message.id': 'a' } },
        { creation: undefined, linkAttributes: { 'messaging.message.id': 'no-context' } },
        { creation: second.spanContext, linkAttributes: { 'messaging.message.id': 'b' } },
        { creation: third.spanContext },
      ],
      { startTime: 1_700_000_000_000 },
    );
    started.span.end();
    const span = onlySpan(telemetry.spans(), 'receive jobs');
    assertSpan(span, {
      kind: SpanKind.CLIENT,
      attributes: { 'messaging.batch.message_count': 4 },
      links: [
        { to: first.spanContext, attributes: { 'messaging.message.id': 'a' } },
        { to: second.spanContext, attributes: { 'messaging.message.id': 'b' } },
        { to: third.spanContext },
      ],
    });
    expect(span.startTime).toEqual([1_700_000_000, 0]);
  });

  it('gives the sampler the links and the messaging attributes at creation', () => {
    const seen: { links: number; system: unknown }[] = [];
    const sampler: Sampler = {
      shouldSample(_ctx, _traceId, _name, _kind, attributes, links) {
        seen.push({ links: links.length, system: attributes['messaging.system'] });
        return { decision: SamplingDecision.RECORD_AND_SAMPLED };
      },
      toString: () => 'recording sampler',
    };
    const sampled = new BasicTracerProvider({ sampler }).getTracer('sampler-test');
    const messages = [producer(), producer()].map((p) => ({ creation: p.spanContext }));
    startBatchSpan(sampled, receive, messages).span.end();
    expect(seen).toEqual([{ links: 2, system: 'aws_sqs' }]);
  });

  it('stops building links at maxLinks, and the count stays exact', () => {
    const messages = Array.from({ length: 10 }, () => ({ creation: producer().spanContext }));
    startBatchSpan(tracer, receive, messages, { maxLinks: 4 }).span.end();
    const span = onlySpan(telemetry.spans(), 'receive jobs');
    expect(span.links).toHaveLength(4);
    expect(span.attributes['messaging.batch.message_count']).toBe(10);
  });

  it('reads the SDK link limit from the environment, defaulting to 128', () => {
    expect(defaultMaxLinks({})).toBe(128);
    expect(defaultMaxLinks({ OTEL_SPAN_LINK_COUNT_LIMIT: '16' })).toBe(16);
    expect(defaultMaxLinks({ OTEL_SPAN_LINK_COUNT_LIMIT: 'lots' })).toBe(128);
  });

  it("reads the process environment's link limit once, as the SDK does", () => {
    const saved = process.env.OTEL_SPAN_LINK_COUNT_LIMIT;
    try {
      process.env.OTEL_SPAN_LINK_COUNT_LIMIT = '7';
      jest.isolateModules(() => {
        const fresh = require('../src/spans.js') as typeof import('../src/spans.js');
        expect(fresh.defaultMaxLinks()).toBe(7);
        process.env.OTEL_SPAN_LINK_COUNT_LIMIT = '9';
        expect(fresh.defaultMaxLinks()).toBe(7);
        expect(fresh.defaultMaxLinks(process.env)).toBe(9);
      });
    } finally {
      if (saved === undefined) delete process.env.OTEL_SPAN_LINK_COUNT_LIMIT;
      else process.env.OTEL_SPAN_LINK_COUNT_LIMIT = saved;
    }
  });
});

describe('errors', () => {
  it('records exception, status and error.type', () => {
    const { span } = startOperationSpan(tracer, send);
    recordError(span, new TypeError('bad message'));
    span.end();
    const recorded = onlySpan(telemetry.spans(), 'send orders');
    assertSpan(recorded, {
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': 'TypeError' },
    });
    expect(recorded.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('names error types from name, code, or _OTHER', () => {
    expect(errorTypeOf(new RangeError('x'))).toBe('RangeError');
    expect(errorTypeOf(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
    expect(errorTypeOf(new Error('plain'))).toBe('Error');
    expect(errorTypeOf({ name: 'QueueDoesNotExist' })).toBe('QueueDoesNotExist');
    expect(errorTypeOf('a string')).toBe('_OTHER');
    expect(errorTypeOf(undefined)).toBe('_OTHER');
  });

  it('copes with thrown values that are not errors, even hostile ones', () => {
    const { span } = startOperationSpan(tracer, send);
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(() => recordError(span, 'just a string')).not.toThrow();
    expect(() => recordError(span, hostile)).not.toThrow();
    span.end();
  });
});
