import type { Sampler, SpanLimits } from '@opentelemetry/sdk-trace-base';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { type PlainMetric, toPlainMetrics } from './plain-metric.js';
import { type PlainSpan, toPlainSpan } from './plain-span.js';
import { type GlobalSdk, registerGlobalSdk, type SamplerName, samplerFor } from './sdk.js';
import { SwitchableSampler } from './switchable-sampler.js';

export interface TestTelemetryOptions {
  /** Sampler for new root spans. Default `always_on`. */
  sampler?: SamplerName;
  /** Span limits, e.g. a small `linkCountLimit` to test that the limit is respected. */
  spanLimits?: SpanLimits;
}

export interface TestTelemetry {
  sdk: GlobalSdk;
  exporter: InMemorySpanExporter;
  /** Every span finished so far, as plain data. */
  spans(): PlainSpan[];
  /** The SDK's own span objects, for the rare test that needs them. */
  readableSpans(): ReadableSpan[];
  /** Collects every metric recorded so far (cumulative). */
  collectMetrics(): Promise<PlainMetric[]>;
  /** Samples every span started from now on with `sampler` (a suite comparing samplers). */
  useSampler(sampler: Sampler): void;
  /** Forgets finished spans (metrics are cumulative and stay). */
  reset(): void;
  shutdown(): Promise<void>;
}

/** Global OpenTelemetry set up in this process, exporting to memory. */
export function setupTestTelemetry(options: TestTelemetryOptions = {}): TestTelemetry {
  const exporter = new InMemorySpanExporter();
  const sampler = new SwitchableSampler(samplerFor(options.sampler));
  const sdk = registerGlobalSdk({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    sampler,
    ...(options.spanLimits ? { spanLimits: options.spanLimits } : {}),
  });
  return {
    sdk,
    exporter,
    spans: () => exporter.getFinishedSpans().map(toPlainSpan),
    readableSpans: () => exporter.getFinishedSpans(),
    async collectMetrics() {
      const { resourceMetrics, errors } = await sdk.metricReader.collect();
      if (errors.length > 0) throw new AggregateError(errors, 'metric collection failed');
      return toPlainMetrics(resourceMetrics);
    },
    useSampler: (next) => sampler.use(next),
    reset: () => exporter.reset(),
    shutdown: () => sdk.shutdown(),
  };
}
