/**
 * Loaded with `node --require @msgtrace/test-utils/preload` into a fixture process: registers an
 * OpenTelemetry SDK whose spans are appended, one JSON line each, to the file named by
 * MSGTRACE_TEST_SPANS_FILE as they end. Appending synchronously means nothing is lost when the
 * fixture calls process.exit() or crashes. Metrics are written to MSGTRACE_TEST_METRICS_FILE when
 * the event loop drains (a fixture that wants them ends naturally).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { toPlainMetrics } from './plain-metric.js';
import { toPlainSpan } from './plain-span.js';
import { registerGlobalSdk, type SamplerName, samplerFor } from './sdk.js';

class JsonLinesSpanProcessor implements SpanProcessor {
  constructor(private readonly file: string) {}
  onStart(_span: Span, _parentContext: Context): void {}
  onEnd(span: ReadableSpan): void {
    appendFileSync(this.file, `${JSON.stringify(toPlainSpan(span))}\n`);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const spansFile = process.env.MSGTRACE_TEST_SPANS_FILE;
const metricsFile = process.env.MSGTRACE_TEST_METRICS_FILE;

if (spansFile) {
  writeFileSync(spansFile, '');
  const sdk = registerGlobalSdk({
    spanProcessors: [new JsonLinesSpanProcessor(spansFile)],
    sampler: samplerFor(process.env.MSGTRACE_TEST_SAMPLER as SamplerName | undefined),
  });
  if (metricsFile) {
    let written = false;
    process.on('beforeExit', () => {
      if (written) return;
      written = true;
      sdk.metricReader.collect().then(
        ({ resourceMetrics }) =>
          writeFileSync(metricsFile, JSON.stringify(toPlainMetrics(resourceMetrics))),
        (error: unknown) => writeFileSync(metricsFile, JSON.stringify({ error: String(error) })),
      );
    });
  }
}
