import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type PlainMetric, setupTestTelemetry } from '@msgtrace/test-utils';
import { context, diag, metrics, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { serviceNameFromEnv } from '../src/pipelines/config';
import {
  decodePathway,
  encodePathway,
  PATHWAY_FIELD,
  pathwayHash,
  pathwayOf,
  withPathway,
} from '../src/pipelines/pathway';
import { OVERFLOW_PATHWAY_ID, Pipelines } from '../src/pipelines/pipelines';
import { SEMCONV_V1_44 } from '../src/semconv-stability';
import { startMessageSpan } from '../src/spans';

const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());

const pipelines = (serviceName: string, maxPathways?: number) =>
  new Pipelines(
    metrics.getMeter('pipelines-test'),
    { serviceName, ...(maxPathways === undefined ? {} : { maxPathways }) },
    SEMCONV_V1_44,
  );

async function metricNamed(name: string): Promise<PlainMetric | undefined> {
  return (await telemetry.collectMetrics()).find((metric) => metric.name === name);
}

describe('pathway carrier value', () => {
  it('round-trips id, hops and start in a few bytes', () => {
    const value = encodePathway('0123456789abcdef', 3, 1_780_000_000_123);
    expect(value.length).toBeLessThanOrEqual(28);
    expect(decodePathway(value)).toEqual({
      id: '0123456789abcdef',
      hops: 3,
      startMs: 1_780_000_000_123,
      startText: (1_780_000_000_123).toString(36),
    });
    // A header read back as repeated values: the first counts.
    expect(decodePathway([value, 'x'])?.hops).toBe(3);
  });

  it.each([
    undefined,
    null,
    42,
    {},
    '',
    'garbage',
    '0123456789ABCDEF.1.abc', // upper-case id
    '0123456789abcde.1.abc', // short id
    '0123456789abcdefx1.abc',
    '0123456789abcdef.0.abc', // no hops
    '0123456789abcdef.01.abc', // leading zero
    '0123456789abcdef.256.abc', // past the hop cap
    '0123456789abcdef.1.', // no start
    '0123456789abcdef.1.ABC',
    '0123456789abcdef.1.-1',
    '0123456789abcdef.1.zzzzzzzzzzzz', // longer than any time we write
    '0123456789abcdef..abc',
    '0123456789abcdef.1.0',
    `0123456789abcdef.1.abc${'\u0000'}`,
  ])('reads %p as no pathway, without throwing', (value) => {
    expect(decodePathway(value)).toBeUndefined();
  });

  it('hashes hops stably (FNV-1a 64 over UTF-8), distinct per service, system and destination', () => {
    const id = pathwayHash('', 'checkout', 'kafka', 'orders');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(pathwayHash('', 'checkout', 'kafka', 'orders')).toBe(id);
    // Computed independently (FNV-1a 64 of "\0checkout\0kafka\0orders"): fixed forever.
    expect(id).toBe('2c4aadbd4def56ee');
    const others = [
      pathwayHash('', 'fraud', 'kafka', 'orders'),
      pathwayHash('', 'checkout', 'aws_sqs', 'orders'),
      pathwayHash('', 'checkout', 'kafka', 'orders2'),
      pathwayHash(id, 'checkout', 'kafka', 'orders'),
      pathwayHash('', 'checkout', 'kafka', 'ördérs'),
    ];
    expect(new Set([id, ...others]).size).toBe(6);
  });

  it('rides on a context', () => {
    const pathway = decodePathway('0123456789abcdef.1.abc');
    expect(pathway).toBeDefined();
    if (!pathway) return;
    expect(pathwayOf(ROOT_CONTEXT)).toBeUndefined();
    expect(pathwayOf(withPathway(ROOT_CONTEXT, pathway))).toBe(pathway);
  });
});

describe('Pipelines', () => {
  beforeEach(() => telemetry.reset());

  it('starts a pathway outside one and extends it one hop per consume-then-produce', async () => {
    const checkout = pipelines('checkout');
    const fraud = pipelines('fraud');
    const before = Date.now();
    const first = checkout.outgoing('kafka', 'orders', 2, ROOT_CONTEXT);
    const received = fraud.incoming(first, 'kafka', 'orders', before + 1500);
    expect(received).toMatchObject({ hops: 1, id: pathwayHash('', 'checkout', 'kafka', 'orders') });
    if (!received) return;
    expect(received.startMs).toBeGreaterThanOrEqual(before);
    const second = fraud.outgoing('aws_sqs', 'payments', 1, withPathway(ROOT_CONTEXT, received));
    const next = decodePathway(second);
    expect(next).toEqual({
      id: pathwayHash(received.id, 'fraud', 'aws_sqs', 'payments'),
      hops: 2,
      startMs: received.startMs,
      startText: received.startText,
    });

    const produced = await metricNamed('msgtrace.pathway.produced');
    expect(produced?.unit).toBe('{message}');
    expect(produced?.dataPoints).toEqual(
      expect.arrayContaining([
        {
          attributes: {
            'msgtrace.pathway.id': received.id,
            'msgtrace.pathway.hops': 1,
            'messaging.system': 'kafka',
            'messaging.destination.name': 'orders',
          },
          value: 2,
        },
        {
          attributes: {
            'msgtrace.pathway.id': next?.id,
            'msgtrace.pathway.parent.id': received.id,
            'msgtrace.pathway.hops': 2,
            'messaging.system': 'aws_sqs',
            'messaging.destination.name': 'payments',
          },
          value: 1,
        },
      ]),
    );
    const consumed = await metricNamed('msgtrace.pathway.consumed');
    expect(consumed?.dataPoints).toEqual(
      expect.arrayContaining([
        {
          attributes: {
            'msgtrace.pathway.id': received.id,
            'msgtrace.pathway.hops': 1,
            'messaging.system': 'kafka',
            'messaging.destination.name': 'orders',
          },
          value: 1,
        },
      ]),
    );
    const latency = await metricNamed('msgtrace.pathway.latency');
    expect(latency?.unit).toBe('s');
    const point = latency?.dataPoints[0]?.value;
    expect(typeof point === 'object' && point.sum).toBeCloseTo(
      (before + 1500 - received.startMs) / 1000,
    );
  });

  it('continues the pathway of the active context by default', () => {
    const pathway = decodePathway(encodePathway('00000000000000aa', 4, 5_000));
    if (!pathway) throw new Error('no pathway');
    const value = context.with(withPathway(context.active(), pathway), () =>
      pipelines('svc').outgoing('rabbitmq', 'q', 1),
    );
    expect(value).toBe(encodePathway(pathwayHash(pathway.id, 'svc', 'rabbitmq', 'q'), 5, 5_000));
  });

  it('starts over when a pathway reached the hop cap (loops)', () => {
    const looped = decodePathway(encodePathway('00000000000000aa', 255, 5_000));
    if (!looped) throw new Error('no pathway');
    const value = pipelines('svc').outgoing('kafka', 't', 1, withPathway(ROOT_CONTEXT, looped));
    expect(decodePathway(value)?.hops).toBe(1);
  });

  const pointsTo = async (name: string, destination: string) =>
    ((await metricNamed(name))?.dataPoints ?? []).filter(
      (point) => point.attributes['messaging.destination.name'] === destination,
    );

  it('garbage is no pathway and records nothing', async () => {
    expect(pipelines('svc').incoming('not-a-pathway', 'kafka', 'garbage')).toBeUndefined();
    expect(await pointsTo('msgtrace.pathway.consumed', 'garbage')).toEqual([]);
  });

  it('drops a negative latency (clock skew) but still counts the message', async () => {
    const value = encodePathway('00000000000000bb', 1, 10_000);
    pipelines('svc').incoming(value, 'kafka', 'skewed', 9_000);
    expect((await pointsTo('msgtrace.pathway.consumed', 'skewed'))[0]?.value).toBe(1);
    expect(await pointsTo('msgtrace.pathway.latency', 'skewed')).toEqual([]);
  });

  it('carries pathways without recording when there is no meter', () => {
    const quiet = new Pipelines(undefined, { serviceName: 'svc' }, SEMCONV_V1_44);
    const value = quiet.outgoing('kafka', 't', 1, ROOT_CONTEXT);
    expect(quiet.incoming(value, 'kafka', 't')?.hops).toBe(1);
  });

  it('folds pathways past the cap into one id, with one diag warning per process', async () => {
    // A fresh process's registry: earlier tests met pathways of their own.
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('msgtrace.pipelines.pathways')];
    const warn = jest.spyOn(diag, 'warn').mockImplementation(() => undefined);
    const capped = pipelines('capped', 3);
    for (let i = 0; i < 10; i++) {
      const value = capped.outgoing('kafka', `topic-${i}`, 1, ROOT_CONTEXT);
      // Messages still carry their real pathway.
      expect(decodePathway(value)?.id).toBe(pathwayHash('', 'capped', 'kafka', `topic-${i}`));
      capped.incoming(encodePathway(pathwayHash('', 'x', 'kafka', `in-${i}`), 1, 1), 'kafka', 'in');
    }
    const ids = new Set(
      [
        ...((await metricNamed('msgtrace.pathway.produced'))?.dataPoints ?? []),
        ...((await metricNamed('msgtrace.pathway.consumed'))?.dataPoints ?? []),
      ]
        .filter((point) =>
          /^(topic-|in$)/.test(String(point.attributes['messaging.destination.name'])),
        )
        .map((point) => point.attributes['msgtrace.pathway.id']),
    );
    expect(ids.size).toBe(4); // three real ids and the overflow
    expect(ids.has(OVERFLOW_PATHWAY_ID)).toBe(true);
    const warnings = warn.mock.calls.filter((call) =>
      String(call[0]).includes('distinct pathways'),
    );
    expect(warnings).toHaveLength(1);
    warn.mockRestore();
  });

  it('puts the pathway on the context a process span runs in, child and link alike', () => {
    const pathway = decodePathway('0123456789abcdef.2.abc');
    const tracer = trace.getTracer('pipelines-test');
    const operation = {
      system: 'kafka',
      type: 'process',
      name: 'process',
      destination: 't',
    } as const;
    for (const mode of ['child', 'link'] as const) {
      const started = startMessageSpan(tracer, operation, undefined, mode, { pathway });
      expect(pathwayOf(started.context)).toBe(pathway);
      started.span.end();
    }
  });
});

describe('serviceNameFromEnv', () => {
  it('reads OTEL_SERVICE_NAME, then service.name of OTEL_RESOURCE_ATTRIBUTES, then the SDK default', () => {
    expect(
      serviceNameFromEnv({ OTEL_SERVICE_NAME: 'a', OTEL_RESOURCE_ATTRIBUTES: 'service.name=b' }),
    ).toBe('a');
    expect(serviceNameFromEnv({ OTEL_RESOURCE_ATTRIBUTES: 'x=1, service.name=b%20c' })).toBe('b c');
    expect(serviceNameFromEnv({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=%zz' })).toBe('%zz');
    expect(serviceNameFromEnv({})).toBe(`unknown_service:${process.argv0}`);
  });

  it('names the carrier field once', () => {
    expect(PATHWAY_FIELD).toBe('msgtrace-pw');
  });
});

describe('Pipelines.countProduced', () => {
  it('counts on the edge outgoing gave the value for, once the carrier said how many carry it', async () => {
    const later = pipelines('later');
    const value = later.outgoing('aws_sqs', 'counted-later', 0, ROOT_CONTEXT);
    later.countProduced('aws_sqs', 'counted-later', 2, ROOT_CONTEXT);
    later.countProduced('aws_sqs', 'counted-later', 0, ROOT_CONTEXT);
    const points = ((await metricNamed('msgtrace.pathway.produced'))?.dataPoints ?? []).filter(
      (point) => point.attributes['messaging.destination.name'] === 'counted-later',
    );
    expect(points).toEqual([
      {
        attributes: expect.objectContaining({ 'msgtrace.pathway.id': decodePathway(value)?.id }),
        value: 2,
      },
    ]);
  });
});
