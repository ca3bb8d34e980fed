/**
 * A user's broken telemetry pipeline, for the fixture preload: a sampler or a propagator that
 * throws, an exporter that never answers or one that refuses everything. Each failure is noted
 * in the incidents file (`sampler`, `propagator inject`, `exporter export 16`…), so a test knows
 * the failure really happened; the app must see nothing of it.
 */
import { appendFileSync } from 'node:fs';
import {
  type Context,
  SpanKind,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import {
  type ExportResult,
  ExportResultCode,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * What `MSGTRACE_TEST_BROKEN_PIPELINE` may name. The `-consumer` / `-extract` variants break only
 * the consuming side, so messages arrive carrying context and the consumer's failure paths run
 * with something to extract and strip.
 */
export type BrokenPipeline =
  | 'sampler'
  | 'sampler-consumer'
  | 'propagator'
  | 'propagator-extract'
  | 'exporter-hangs'
  | 'exporter-refuses';

export const BROKEN_PIPELINES: readonly BrokenPipeline[] = [
  'sampler',
  'sampler-consumer',
  'propagator',
  'propagator-extract',
  'exporter-hangs',
  'exporter-refuses',
];

/** The exporter queue a broken exporter sits behind: small, so a test fills it quickly. */
export const BROKEN_EXPORTER_QUEUE = { maxQueueSize: 64, maxExportBatchSize: 16 } as const;

/** Throws for every span, or (`consumerOnly`) for every span but a producer's. */
export class ThrowingSampler implements Sampler {
  constructor(
    private readonly incidents: string,
    private readonly consumerOnly = false,
    private readonly otherwise: Sampler = new AlwaysOnSampler(),
  ) {}
  shouldSample(...args: Parameters<Sampler['shouldSample']>): SamplingResult {
    if (this.consumerOnly && args[3] === SpanKind.PRODUCER)
      return this.otherwise.shouldSample(...args);
    appendFileSync(this.incidents, 'sampler\n');
    throw new Error('sampler failed (test)');
  }
  toString(): string {
    return 'ThrowingSampler';
  }
}

/** Throws from `inject` and `extract`, or (`extractOnly`) from `extract` alone. */
export class ThrowingPropagator implements TextMapPropagator {
  constructor(
    private readonly incidents: string,
    private readonly extractOnly = false,
    private readonly otherwise: TextMapPropagator = new W3CTraceContextPropagator(),
  ) {}
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    if (this.extractOnly) {
      this.otherwise.inject(context, carrier, setter);
      return;
    }
    appendFileSync(this.incidents, 'propagator inject\n');
    throw new Error('propagator inject failed (test)');
  }
  extract(_context: Context, _carrier: unknown, _getter: TextMapGetter): Context {
    appendFileSync(this.incidents, 'propagator extract\n');
    throw new Error('propagator extract failed (test)');
  }
  fields(): string[] {
    return ['traceparent'];
  }
}

/** Never calls back (`hangs`), or answers every batch with a failure (`refuses`). */
class BrokenExporter implements SpanExporter {
  constructor(
    private readonly incidents: string,
    private readonly hangs: boolean,
  ) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    // The count only: holding the spans would be this exporter's leak, not the pipeline's.
    appendFileSync(this.incidents, `exporter export ${spans.length}\n`);
    if (this.hangs) return;
    done({ code: ExportResultCode.FAILED, error: new Error('exporter refused (test)') });
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

/**
 * The batch processor in front of a broken exporter, with a small queue and export timeout.
 * At exit it notes how many spans it still holds (`exporter queue N`), which must stay within
 * its limit however many spans the app made.
 */
export function brokenExporterProcessor(incidents: string, hangs: boolean): SpanProcessor {
  const processor = new BatchSpanProcessor(new BrokenExporter(incidents, hangs), {
    ...BROKEN_EXPORTER_QUEUE,
    scheduledDelayMillis: 20,
    exportTimeoutMillis: 100,
  });
  process.on('exit', () => {
    const queued = (processor as unknown as { _finishedSpans?: unknown[] })._finishedSpans;
    appendFileSync(incidents, `exporter queue ${queued?.length ?? -1}\n`);
  });
  return processor;
}
