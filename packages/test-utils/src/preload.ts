/**
 * Loaded with `node --require @msgtrace/test-utils/preload` into a fixture process: registers an
 * OpenTelemetry SDK whose spans are appended, one JSON line each, to the file named by
 * MSGTRACE_TEST_SPANS_FILE as they end. Appending synchronously means nothing is lost when the
 * fixture calls process.exit() or crashes. Metrics are written to MSGTRACE_TEST_METRICS_FILE when
 * the event loop drains (a fixture that wants them ends naturally).
 *
 * With MSGTRACE_TEST_INCIDENTS_FILE set, every `uncaughtException` and `unhandledRejection` is
 * noted there (and the process exits 1); with MSGTRACE_TEST_THROWING_PROCESSOR=onStart (or onEnd)
 * as well, a second span processor throws from that method, noting each throw in that file.
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

/**
 * A user's broken span processor, throwing from `onStart` or from `onEnd`: after the recording
 * one, so the spans it lets through are still recorded.
 */
class ThrowingSpanProcessor implements SpanProcessor {
  constructor(
    private readonly incidents: string,
    private readonly throwsFrom: string,
  ) {}
  onStart(_span: Span, _parentContext: Context): void {
    this.fail('onStart');
  }
  onEnd(_span: ReadableSpan): void {
    this.fail('onEnd');
  }
  private fail(method: string): void {
    if (method !== this.throwsFrom) return;
    appendFileSync(this.incidents, `processor ${method}\n`);
    throw new Error(`span processor ${method} failed (test)`);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const incidentsFile = process.env.MSGTRACE_TEST_INCIDENTS_FILE;
if (incidentsFile) {
  const note = (kind: string) => (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    appendFileSync(incidentsFile, `host ${kind}: ${message.replace(/\n/g, ' | ')}\n`);
    process.exitCode = 1;
  };
  process.on('uncaughtException', note('uncaughtException'));
  process.on('unhandledRejection', note('unhandledRejection'));
}

const spansFile = process.env.MSGTRACE_TEST_SPANS_FILE;
const metricsFile = process.env.MSGTRACE_TEST_METRICS_FILE;

if (spansFile) {
  writeFileSync(spansFile, '');
  const sdk = registerGlobalSdk({
    spanProcessors: [
      new JsonLinesSpanProcessor(spansFile),
      ...(incidentsFile && process.env.MSGTRACE_TEST_THROWING_PROCESSOR
        ? [new ThrowingSpanProcessor(incidentsFile, process.env.MSGTRACE_TEST_THROWING_PROCESSOR)]
        : []),
    ],
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
