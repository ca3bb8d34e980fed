import { describe, expect, it } from '@jest/globals';
import { type Link, ROOT_CONTEXT, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  RandomIdGenerator,
} from '@opentelemetry/sdk-trace-base';
import { linksSamplerFromEnv } from '../src/sampling/from-env';
import { ParentBasedLinksSampler } from '../src/sampling/links-sampler';
import { readOtSampling } from '../src/sampling/ot-tracestate';
import { keptAt, thresholdFor } from '../src/sampling/threshold';

const ids = new RandomIdGenerator();

function tracerWith(sampler: ParentBasedLinksSampler | ReturnType<typeof linksSamplerFromEnv>) {
  if (!sampler) throw new Error('no sampler');
  return new BasicTracerProvider({ sampler }).getTracer('test');
}

function remote(options: { sampled: boolean; traceId?: string; traceState?: string }): SpanContext {
  return {
    traceId: options.traceId ?? ids.generateTraceId(),
    spanId: ids.generateSpanId(),
    traceFlags: options.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    isRemote: true,
    ...(options.traceState ? { traceState: new TraceState(options.traceState) } : {}),
  };
}

function startRoot(sampler: ParentBasedLinksSampler, links: Link[] = []) {
  const span = tracerWith(sampler).startSpan('process q', { links }, ROOT_CONTEXT);
  span.end();
  const ctx = span.spanContext();
  return {
    sampled: (ctx.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
    ot: readOtSampling(ctx.traceState),
    traceState: ctx.traceState?.serialize(),
    traceId: ctx.traceId,
  };
}

describe('ParentBasedLinksSampler', () => {
  it('keeps roots without links at the ratio, consistently from the trace id, with th', () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 0.3 });
    const threshold = thresholdFor(0.3);
    let kept = 0;
    for (let i = 0; i < 2000; i++) {
      const root = startRoot(sampler);
      expect(root.sampled).toBe(keptAt(root.traceId.slice(-14), threshold));
      if (root.sampled) {
        kept += 1;
        expect(root.traceState).toBe('ot=th:b3333333333334');
      } else {
        expect(root.traceState).toBeUndefined();
      }
    }
    expect(kept).toBeGreaterThan(500);
    expect(kept).toBeLessThan(700);
  });

  it('follows a valid parent whatever its links say, inheriting its tracestate', () => {
    const tracer = tracerWith(new ParentBasedLinksSampler({ ratio: 1 }));
    const links = [{ context: remote({ sampled: true }) }];
    const dropped = remote({ sampled: false, traceState: 'vendor=a' });
    const child = tracer.startSpan('c', { links }, trace.setSpanContext(ROOT_CONTEXT, dropped));
    expect(child.isRecording()).toBe(false);
    const kept = remote({ sampled: true, traceState: 'ot=th:8;rv:ffffffffffffff,vendor=a' });
    const other = tracer.startSpan('c', { links: [] }, trace.setSpanContext(ROOT_CONTEXT, kept));
    expect(other.isRecording()).toBe(true);
    expect(other.spanContext().traceState?.serialize()).toBe('ot=th:8;rv:ffffffffffffff,vendor=a');
    expect(other.spanContext().traceId).toBe(kept.traceId);
  });

  it("keeps a root with one link iff the link is sampled, taking the link's randomness and th", () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 0 });
    const producer = remote({ sampled: true, traceState: 'ot=th:c,vendor=x' });
    const root = startRoot(sampler, [{ context: producer }]);
    expect(root.sampled).toBe(true);
    expect(root.traceId).not.toBe(producer.traceId);
    const r = producer.traceId.slice(-14);
    // A th the randomness does not reach is not a consistent decision: not copied.
    expect(root.ot).toEqual(
      r >= 'c0000000000000' ? { threshold: 'c0000000000000', randomness: r } : { randomness: r },
    );
    expect(root.traceState).not.toContain('vendor');

    const withRv = remote({ sampled: true, traceState: 'ot=th:c;rv:d0000000000000' });
    expect(startRoot(sampler, [{ context: withRv }]).traceState).toBe('ot=th:c;rv:d0000000000000');
    const noTh = remote({ sampled: true });
    expect(startRoot(sampler, [{ context: noTh }]).ot).toEqual({
      randomness: noTh.traceId.slice(-14),
    });
  });

  it('drops a root whose only link is not sampled, even at ratio 1, and still sets rv', () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 1 });
    const producer = remote({ sampled: false });
    const root = startRoot(sampler, [{ context: producer }]);
    expect(root.sampled).toBe(false);
    expect(root.ot).toEqual({ randomness: producer.traceId.slice(-14) });
  });

  it('keeps a root with several links iff any is sampled, with the largest randomness and no th', () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 1 });
    const links = [
      { context: remote({ sampled: false, traceState: 'ot=rv:f0000000000000' }) },
      { context: remote({ sampled: true, traceState: 'ot=th:0;rv:10000000000000' }) },
      { context: remote({ sampled: false, traceState: 'ot=rv:20000000000000' }) },
    ];
    const root = startRoot(sampler, links);
    expect(root.sampled).toBe(true);
    expect(root.traceState).toBe('ot=rv:f0000000000000');
    const none = startRoot(sampler, [links[0] as Link, links[2] as Link]);
    expect(none.sampled).toBe(false);
  });

  it('ignores invalid link contexts and hostile link tracestates', () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 1 });
    const invalid = { context: { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 } };
    const root = startRoot(sampler, [invalid]);
    expect(root.sampled).toBe(true);
    expect(root.traceState).toBe('ot=th:0');
    const hostile = remote({
      sampled: true,
      traceState: 'ot=rv:ZZZZZZZZZZZZZZ;th:fffffffffffffff',
    });
    const linked = startRoot(sampler, [{ context: hostile }]);
    expect(linked.sampled).toBe(true);
    expect(linked.traceState).toBe(`ot=rv:${hostile.traceId.slice(-14)}`);
    // The SDK itself rejects such links; the sampler, called directly, shrugs them off.
    const garbage = [null, undefined, {}, { context: null }] as unknown as Link[];
    const result = sampler.shouldSample(ROOT_CONTEXT, 'f'.repeat(32), 'x', 0, {}, garbage);
    expect(result.traceState?.serialize()).toBe('ot=th:0');
  });

  it('hands roots without links to a root sampler of your own', () => {
    const sampler = new ParentBasedLinksSampler({ root: new AlwaysOnSampler() });
    expect(startRoot(sampler).sampled).toBe(true);
    expect(startRoot(sampler, [{ context: remote({ sampled: false }) }]).sampled).toBe(false);
    expect(sampler.toString()).toBe('ParentBasedLinksSampler{root=AlwaysOnSampler}');
  });

  it('gives a downstream consistent sampler the same decision for a consumer as for its producer', () => {
    const sampler = new ParentBasedLinksSampler({ ratio: 1 });
    const downstream = thresholdFor(0.25);
    let split = 0;
    for (let i = 0; i < 500; i++) {
      const producer = startRoot(sampler);
      const producerContext = remote({
        sampled: producer.sampled,
        traceId: producer.traceId,
        ...(producer.traceState ? { traceState: producer.traceState } : {}),
      });
      const consumer = startRoot(sampler, [{ context: producerContext }]);
      const keepProducer = keptAt(producer.traceId.slice(-14), downstream);
      const keepConsumer = keptAt(
        consumer.ot.randomness ?? consumer.traceId.slice(-14),
        downstream,
      );
      if (keepProducer !== keepConsumer) split += 1;
    }
    expect(split).toBe(0);
  });
});

describe('linksSamplerFromEnv', () => {
  it('builds the sampler OTEL_TRACES_SAMPLER names, with OTEL_TRACES_SAMPLER_ARG as the ratio', () => {
    const env = {
      OTEL_TRACES_SAMPLER: 'parentbased_links_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.3',
    };
    expect(String(linksSamplerFromEnv(env))).toBe('ParentBasedLinksSampler{root=ratio(0.3)}');
    expect(String(linksSamplerFromEnv({ ...env, OTEL_TRACES_SAMPLER_ARG: 'lots' }))).toBe(
      'ParentBasedLinksSampler{root=ratio(1)}',
    );
    expect(String(linksSamplerFromEnv({ ...env, OTEL_TRACES_SAMPLER_ARG: '2' }))).toBe(
      'ParentBasedLinksSampler{root=ratio(1)}',
    );
    expect(
      String(linksSamplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_links_always_on' })),
    ).toBe('ParentBasedLinksSampler{root=ratio(1)}');
    expect(
      String(linksSamplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_links_always_off' })),
    ).toBe('ParentBasedLinksSampler{root=ratio(0)}');
    expect(
      linksSamplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' }),
    ).toBeUndefined();
    expect(linksSamplerFromEnv({})).toBeUndefined();
  });

  it('always_off keeps what the links kept and starts nothing of its own', () => {
    const sampler = linksSamplerFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_links_always_off' });
    const tracer = tracerWith(sampler);
    expect(tracer.startSpan('root', {}, ROOT_CONTEXT).isRecording()).toBe(false);
    const linked = tracer.startSpan(
      'root',
      { links: [{ context: remote({ sampled: true }) }] },
      ROOT_CONTEXT,
    );
    expect(linked.isRecording()).toBe(true);
  });
});
