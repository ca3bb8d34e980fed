import { markdownTable } from '../harness.js';
import type { BrokerWorkload } from './brokers.js';

export const SAMPLERS = ['always_on', 'always_off', 'ratio-0.1'] as const;
export type Sampler = (typeof SAMPLERS)[number];
export const SAMPLER_LABEL: Record<Sampler, string> = {
  always_on: 'sampled',
  always_off: 'always_off',
  'ratio-0.1': 'ratio-0.1',
};
/**
 * `msgtrace` is msgtrace as installed (pipelines off, the default); `msgtrace-pw` is msgtrace with
 * `MSGTRACE_PIPELINES=true`: the difference is what the pathway carrier (docs/pipelines.md) costs
 * per message.
 */
export const INSTRUMENTED = ['floor', 'msgtrace', 'msgtrace-pw', 'contrib'] as const;
export type Instrumented = (typeof INSTRUMENTED)[number];
const LABEL: Record<Instrumented, string> = {
  floor: 'floor',
  msgtrace: 'msgtrace (default)',
  'msgtrace-pw': 'msgtrace, MSGTRACE_PIPELINES=true',
  contrib: 'contrib',
};

/** One broker's counts from one run: instructions per message by variant. */
export interface BrokerResult {
  broker: string;
  count: number;
  bare: number;
  /** Mean of the SDK-only runs: what every instrumented run is compared with. */
  sdk: number;
  /** Each SDK-only run: their spread is the workload's run-to-run noise. */
  sdkRuns?: number[];
  /** No `contrib` where OpenTelemetry contrib has no instrumentation for the client. */
  instrumented: Partial<Record<Instrumented, Record<Sampler, number>>>;
}

/**
 * A result saved before pipelines became opt-in (`msgtrace` with pipelines on, `msgtrace-nopw`
 * with `MSGTRACE_PIPELINES=false`) in today's variants: the run without pipelines is the default.
 */
export function withCurrentVariants(result: BrokerResult): BrokerResult {
  const { 'msgtrace-nopw': off, ...rest } = result.instrumented as BrokerResult['instrumented'] & {
    'msgtrace-nopw'?: Record<Sampler, number>;
  };
  if (!off) return result;
  const instrumented: BrokerResult['instrumented'] = { ...rest, msgtrace: off };
  if (rest.msgtrace) instrumented['msgtrace-pw'] = rest.msgtrace;
  return { ...result, instrumented };
}

const k = (instructions: number) => `${(instructions / 1000).toFixed(1)} k`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** Added instructions per message over the SDK-only run. */
export function added(result: BrokerResult, who: Instrumented, sampler: Sampler): number {
  return (result.instrumented[who]?.[sampler] ?? Number.NaN) - result.sdk;
}

const hasContrib = (result: BrokerResult) => result.instrumented.contrib !== undefined;

/** The table, the ratios and the one-line verdict of one broker. */
export function brokerReport(bench: BrokerWorkload, result: BrokerResult): string {
  const rows = [
    [bench.bare, k(result.bare), '', ''],
    [
      `SDK only (no instrumentation)${result.sdkRuns ? `, mean of ${result.sdkRuns.map(k).join(' and ')}` : ''}`,
      k(result.sdk),
      '',
      '',
    ],
    ...INSTRUMENTED.map((who) => {
      const counts = result.instrumented[who];
      if (!counts) return [`${LABEL[who]} (none exists for this client)`, '—', '—', '—'];
      return [
        who === 'contrib' && !bench.contribPropagates
          ? 'contrib (spans only, no context)'
          : LABEL[who],
        ...SAMPLERS.map((s) => `${k(counts[s])} (+${k(added(result, who, s))})`),
      ];
    }),
  ];
  const table = markdownTable(
    [
      'variant',
      ...SAMPLERS.map((s) => `${SAMPLER_LABEL[s]}: instructions / message (added over SDK only)`),
    ],
    rows,
  );
  return [
    `${bench.title}, ${result.count} messages per run, instructions per message (callgrind), Node ${process.version}`,
    '',
    table,
    '',
    pathwayLine(result),
    // Where contrib carries no context (Kinesis) or has no instrumentation (the Confluent
    // client), the floor is what msgtrace is held to.
    ...(bench.contribPropagates ? [] : ['', floorLine(result)]),
    // The issue's required last line of every broker's table, where there is a contrib.
    ...(hasContrib(result) ? ['', summaryLine(result)] : []),
  ].join('\n');
}

/**
 * `<broker>: msgtrace/contrib sampled A×, always_off B×, ratio-0.1 C×; msgtrace/floor sampled D×`,
 * for msgtrace as installed (pipelines off).
 */
export function summaryLine(result: BrokerResult): string {
  const vs = (who: Instrumented, s: Sampler) =>
    ratio(added(result, 'msgtrace', s), added(result, who, s));
  return `${result.broker}: msgtrace/contrib sampled ${vs('contrib', 'always_on')}, always_off ${vs('contrib', 'always_off')}, ratio-0.1 ${vs('contrib', 'ratio-0.1')}; msgtrace/floor sampled ${vs('floor', 'always_on')}`;
}

/** The pathway carrier's cost: msgtrace with `MSGTRACE_PIPELINES=true` minus the default (off). */
export function pathwayCost(result: BrokerResult, sampler: Sampler): number | undefined {
  const on = result.instrumented['msgtrace-pw']?.[sampler];
  const off = result.instrumented.msgtrace?.[sampler];
  return off === undefined || on === undefined ? undefined : on - off;
}

export function pathwayLine(result: BrokerResult): string {
  const cost = (s: Sampler) => {
    const value = pathwayCost(result, s);
    return value === undefined ? 'not measured' : k(value);
  };
  return `${result.broker}: pathway carrier (MSGTRACE_PIPELINES=true minus the default) sampled ${cost('always_on')}, always_off ${cost('always_off')}, ratio-0.1 ${cost('ratio-0.1')} per message`;
}

/** msgtrace against the floor under every sampler. */
export function floorLine(result: BrokerResult): string {
  const vs = (s: Sampler) => ratio(added(result, 'msgtrace', s), added(result, 'floor', s));
  const why = hasContrib(result) ? 'contrib carries no context here' : 'no contrib instrumentation';
  return `${result.broker}: ${why}; msgtrace/floor sampled ${vs('always_on')}, always_off ${vs('always_off')}, ratio-0.1 ${vs('ratio-0.1')}`;
}

/** One row per broker: added instructions per message and the ratios, for the root README. */
export function crossBrokerTable(results: readonly BrokerResult[]): string {
  const rows = results.map((r) => [
    r.broker,
    ...SAMPLERS.map((s) =>
      hasContrib(r)
        ? `${k(added(r, 'msgtrace', s))} / ${k(added(r, 'contrib', s))} (${ratio(added(r, 'msgtrace', s), added(r, 'contrib', s))})`
        : `${k(added(r, 'msgtrace', s))} / —`,
    ),
    `${k(added(r, 'floor', 'always_on'))} (${ratio(added(r, 'msgtrace', 'always_on'), added(r, 'floor', 'always_on'))})`,
    `${k(added(r, 'floor', 'always_off'))} (${ratio(added(r, 'msgtrace', 'always_off'), added(r, 'floor', 'always_off'))})`,
    SAMPLERS.map((s) => {
      const value = pathwayCost(r, s);
      return value === undefined ? '—' : k(value);
    }).join(' / '),
  ]);
  return markdownTable(
    [
      'broker',
      ...SAMPLERS.map((s) => `${SAMPLER_LABEL[s]}: msgtrace / contrib added`),
      'floor added, sampled (msgtrace/floor)',
      // Unsampled cost against the least any instrumentation must do unsampled (sampler call,
      // non-recording spans, inject and extract): docs/performance.md, Targets.
      'floor added, always_off (msgtrace/floor)',
      'pathway carrier: sampled / always_off / ratio-0.1',
    ],
    rows,
  );
}
