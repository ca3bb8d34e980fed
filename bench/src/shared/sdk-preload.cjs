// The application's OpenTelemetry SDK in a benchmark process: spans go through a batch processor
// to an exporter that drops them, as in production minus the network. BENCH_SAMPLER=always_off
// measures the non-recording path.
const { context, propagation, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { W3CTraceContextPropagator } = require('@opentelemetry/core');
const {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');

const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
// Node only turns on AsyncLocalStorage's async hooks at its first run(); any traced application
// has done that long before (an HTTP server span, say), so every variant starts with them on.
// Otherwise the first instrumentation to enter a context would be charged the hooks' cost for
// every promise and socket write in the process.
context.with(context.active(), () => undefined);
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({
    sampler:
      process.env.BENCH_SAMPLER === 'always_off' ? new AlwaysOffSampler() : new AlwaysOnSampler(),
    spanProcessors: [
      new BatchSpanProcessor(dropping, { maxQueueSize: 100_000, maxExportBatchSize: 4096 }),
    ],
  }),
);
