import { expect } from '@jest/globals';
import { keptAt, ParentBasedLinksSampler, randomnessOf, thresholdFor } from '@msgtrace/core';
import type { TestTelemetry } from '@msgtrace/test-utils';
import {
  AlwaysOnSampler,
  ParentBasedSampler,
  type ReadableSpan,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

/** The set-up: 200 messages, each sent in its own trace; head ratio 0.3, downstream 0.25. */
export const MESSAGES = 200;
export const HEAD_RATIO = 0.3;
export const DOWNSTREAM_RATIO = 0.25;

export const samplers = {
  linkAware: () => new ParentBasedLinksSampler({ ratio: HEAD_RATIO }),
  stock: () => new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(HEAD_RATIO) }),
  linkAwareAll: () => new ParentBasedLinksSampler({ ratio: 1 }),
  stockAll: () => new ParentBasedSampler({ root: new AlwaysOnSampler() }),
};

/**
 * Spans that link to the producers: per-message `process` spans (one link each), or batch and
 * pull spans (a link per message). Spans without links (an empty poll) are not counted.
 */
export interface ConsumerSpans {
  label: string;
  shape: 'per-message' | 'batch';
  is(span: ReadableSpan): boolean;
}

/** One run of a broker's link-mode pipeline: what was exported and which spans are which. */
export interface PipelineRun {
  spans: readonly ReadableSpan[];
  /** How many messages the application's consumer code saw. */
  consumed: number;
  isProducer(span: ReadableSpan): boolean;
  consumers: ConsumerSpans[];
}

/** Runs `count` messages through a fresh destination under whatever sampler is in use. */
export type Pipeline = (count: number) => Promise<PipelineRun>;

export interface LinkedSetReport {
  producers: number;
  consumers: number;
  /** Kept consumer spans none of whose linked producers is kept. */
  orphanConsumers: number;
  /** Kept producers no kept consumer span links to. */
  lonelyProducers: number;
  /** Producer–consumer links whose two ends are not both kept (or both dropped). */
  splitLinks: number;
  links: number;
}

/**
 * What survives of the linked sets when only the spans `keep` answers true for are kept: the
 * head sampler's choice (every exported span) or a downstream sampler's.
 */
export function linkedSetReport(
  run: PipelineRun,
  consumerSpans: ConsumerSpans,
  keep: (span: ReadableSpan) => boolean = () => true,
): LinkedSetReport {
  const producers = run.spans.filter(run.isProducer);
  const consumers = run.spans.filter((s) => consumerSpans.is(s) && s.links.length > 0);
  const keptProducers = new Set(producers.filter(keep).map((s) => s.spanContext().spanId));
  const allProducers = new Set(producers.map((s) => s.spanContext().spanId));
  const linkedFromKept = new Set<string>();
  let orphanConsumers = 0;
  let splitLinks = 0;
  let links = 0;
  let keptConsumers = 0;
  for (const consumer of consumers) {
    const kept = keep(consumer);
    const linked = consumer.links
      .map((link) => link.context.spanId)
      .filter((id) => allProducers.has(id));
    for (const id of linked) {
      links += 1;
      if (keptProducers.has(id) !== kept) splitLinks += 1;
      if (kept) linkedFromKept.add(id);
    }
    if (!kept) continue;
    keptConsumers += 1;
    if (!linked.some((id) => keptProducers.has(id))) orphanConsumers += 1;
  }
  let lonelyProducers = 0;
  for (const id of keptProducers) if (!linkedFromKept.has(id)) lonelyProducers += 1;
  return {
    producers: keptProducers.size,
    consumers: keptConsumers,
    orphanConsumers,
    lonelyProducers,
    splitLinks,
    links,
  };
}

/** A consistent probability sampler in a Collector: R from `ot=rv`, else the trace id; R >= T. */
export function downstreamSampler(ratio: number): (span: ReadableSpan) => boolean {
  const threshold = thresholdFor(ratio);
  return (span) => {
    const { traceId, traceState } = span.spanContext();
    return keptAt(randomnessOf(traceId, traceState), threshold);
  };
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '0 %' : `${Math.round((100 * part) / whole)} %`;

/** One line a reader can compare across samplers. */
export function describeReport(label: string, report: LinkedSetReport, withLinks: boolean): string {
  const links = withLinks
    ? `, ${report.splitLinks} of ${report.links} links (${percent(report.splitLinks, report.links)}) split`
    : '';
  return (
    `${label}: kept ${report.producers} producers, ${report.consumers} consumer spans; ` +
    `${report.orphanConsumers} (${percent(report.orphanConsumers, report.consumers)}) kept consumers ` +
    `link only to dropped producers, ${report.lonelyProducers} ` +
    `(${percent(report.lonelyProducers, report.producers)}) kept producers lost their consumer${links}`
  );
}

/** Runs the pipeline under `sampler` with nothing left over from an earlier run. */
export async function runUnder(
  telemetry: TestTelemetry,
  sampler: Sampler,
  pipeline: Pipeline,
  count = MESSAGES,
): Promise<PipelineRun> {
  telemetry.useSampler(sampler);
  telemetry.reset();
  try {
    const run = await pipeline(count);
    expect(run.consumed).toBeGreaterThanOrEqual(count);
    return run;
  } finally {
    telemetry.useSampler(samplers.stockAll());
  }
}

/**
 * The head-sampling check: under the link-aware sampler no kept consumer span is without a kept
 * producer and no kept producer without its kept consumer span; about the ratio of producers is
 * kept (so the check cannot pass by keeping everything or nothing). The stock sampler's numbers
 * on the same pipeline are printed for comparison (only what was exported can be counted, so
 * links between dropped spans are not).
 */
export async function expectHeadSamplingKeepsLinkedSets(
  name: string,
  telemetry: TestTelemetry,
  pipeline: Pipeline,
): Promise<void> {
  const stockRun = await runUnder(telemetry, samplers.stock(), pipeline);
  const oursRun = await runUnder(telemetry, samplers.linkAware(), pipeline);
  for (const [i, consumers] of oursRun.consumers.entries()) {
    const stock = linkedSetReport(stockRun, stockRun.consumers[i] ?? consumers);
    const ours = linkedSetReport(oursRun, consumers);
    console.log(
      `${name} ${consumers.label}, head sampling at ${HEAD_RATIO} over ${MESSAGES} messages\n` +
        `  ${describeReport('stock parentbased_traceidratio', stock, false)}\n` +
        `  ${describeReport('parentbased_links_traceidratio', ours, false)}`,
    );
    expect({ spans: consumers.label, ...ours }).toMatchObject({
      orphanConsumers: 0,
      lonelyProducers: 0,
    });
    expect(ours.producers).toBeGreaterThan(MESSAGES * 0.15);
    expect(ours.producers).toBeLessThan(MESSAGES * 0.45);
    expect(ours.consumers).toBeGreaterThan(0);
  }
}

/**
 * The downstream check: everything exported, then a consistent sampler at 0.25 emulated over the
 * spans as a Collector would run it. Per-message consumers: no link split. Batch and pull spans
 * (several producers, one consumer): no kept consumer without a kept producer and no kept
 * producer without its consumer — the producers of one batch are separate traces, so a kept batch
 * with some of its producers dropped is expected and counted, not failed.
 */
export async function expectDownstreamSamplingKeepsLinkedSets(
  name: string,
  telemetry: TestTelemetry,
  pipeline: Pipeline,
): Promise<void> {
  const keep = downstreamSampler(DOWNSTREAM_RATIO);
  const stockRun = await runUnder(telemetry, samplers.stockAll(), pipeline);
  const oursRun = await runUnder(telemetry, samplers.linkAwareAll(), pipeline);
  expect(oursRun.spans.filter(oursRun.isProducer)).toHaveLength(MESSAGES);
  for (const [i, consumers] of oursRun.consumers.entries()) {
    const stock = linkedSetReport(stockRun, stockRun.consumers[i] ?? consumers, keep);
    const ours = linkedSetReport(oursRun, consumers, keep);
    console.log(
      `${name} ${consumers.label}, everything exported, consistent downstream sampler at ${DOWNSTREAM_RATIO}\n` +
        `  ${describeReport('stock parentbased_always_on', stock, true)}\n` +
        `  ${describeReport('parentbased_links_always_on', ours, true)}`,
    );
    expect(ours.links).toBeGreaterThanOrEqual(MESSAGES);
    expect({ spans: consumers.label, ...ours }).toMatchObject({
      orphanConsumers: 0,
      lonelyProducers: 0,
      ...(consumers.shape === 'per-message' ? { splitLinks: 0 } : {}),
    });
    expect(ours.producers).toBeGreaterThan(MESSAGES * 0.1);
    expect(ours.producers).toBeLessThan(MESSAGES * 0.4);
  }
}
