/**
 * Loaded with `node --require @msgtrace/test-utils/preload` into a fixture process: registers an
 * OpenTelemetry SDK whose spans are appended, one JSON line each, to the file named by
 * MSGTRACE_TEST_SPANS_FILE as they end. Appending synchronously means nothing is lost when the
 * fixture calls process.exit() or crashes. Metrics are written to MSGTRACE_TEST_METRICS_FILE when
 * the event loop drains (a fixture that wants them ends naturally).
 *
 * With MSGTRACE_TEST_INCIDENTS_FILE set, every `uncaughtException` and `unhandledRejection` is
 * noted there (and the process exits 1), as is every `diag` warning or error (`diag error: …`)
 * and, at exit, how many spans started and ended (a process killed mid-work notes nothing); with
 * MSGTRACE_TEST_THROWING_PROCESSOR=onStart (or onEnd) as well, a second span processor throws
 * from that method, noting each throw in that file; with MSGTRACE_TEST_BROKEN_PIPELINE (see
 * broken-pipeline.ts) the sampler, the propagator or an exporter is broken the same way.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { type Context, DiagLogLevel, diag, propagation } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  type BrokenPipeline,
  brokenExporterProcessor,
  ThrowingPropagator,
  ThrowingSampler,
} from './broken-pipeline.js';
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

/**
 * Counts spans started (`counts: 'onStart'`) or ended (`'onEnd'`): a started span that never ends
 * is a leak. Starts are counted after a throwing processor and ends before it, so a start the SDK
 * itself aborted (no caller ever held that span) is not counted, and an end is counted even when
 * a later processor throws.
 */
class CountingSpanProcessor implements SpanProcessor {
  count = 0;
  constructor(private readonly counts: 'onStart' | 'onEnd') {}
  onStart(_span: Span, _parentContext: Context): void {
    if (this.counts === 'onStart') this.count++;
  }
  onEnd(_span: ReadableSpan): void {
    if (this.counts === 'onEnd') this.count++;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

const incidentsFile = process.env.MSGTRACE_TEST_INCIDENTS_FILE;
const starts = new CountingSpanProcessor('onStart');
const ends = new CountingSpanProcessor('onEnd');
const broken = process.env.MSGTRACE_TEST_BROKEN_PIPELINE as BrokenPipeline | undefined;
if (incidentsFile) {
  const line =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      const detail = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
      const text = `${message} ${detail}`.trim().replace(/\n/g, ' | ');
      appendFileSync(incidentsFile, `diag ${level}: ${text}\n`);
    };
  diag.setLogger(
    {
      error: line('error'),
      warn: line('warn'),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );
  process.on('exit', () => {
    appendFileSync(incidentsFile, `spans started ${starts.count}\nspans ended ${ends.count}\n`);
  });
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
      ends,
      new JsonLinesSpanProcessor(spansFile),
      ...(incidentsFile && process.env.MSGTRACE_TEST_THROWING_PROCESSOR
        ? [new ThrowingSpanProcessor(incidentsFile, process.env.MSGTRACE_TEST_THROWING_PROCESSOR)]
        : []),
      starts,
      ...(incidentsFile && broken?.startsWith('exporter-')
        ? [brokenExporterProcessor(incidentsFile, broken === 'exporter-hangs')]
        : []),
    ],
    sampler:
      incidentsFile && broken?.startsWith('sampler')
        ? new ThrowingSampler(incidentsFile, broken === 'sampler-consumer')
        : samplerFor(process.env.MSGTRACE_TEST_SAMPLER as SamplerName | undefined),
  });
  if (incidentsFile && broken?.startsWith('propagator')) {
    propagation.disable();
    propagation.setGlobalPropagator(
      new ThrowingPropagator(incidentsFile, broken === 'propagator-extract'),
    );
  }
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
