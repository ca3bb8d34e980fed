// The application's OpenTelemetry SDK in a benchmark process: spans go through a batch processor
// to an exporter that drops them, as in production minus the network. BENCH_SAMPLER picks the
// sampler: always_on (the default), always_off (the non-recording path) or ratio-0.1
// (parentbased_traceidratio at 0.1, the usual production setting at messaging volumes).
const { context, propagation, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { W3CTraceContextPropagator } = require('@opentelemetry/core');
const {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} = require('@opentelemetry/sdk-trace-base');

const samplers = {
  always_on: () => new AlwaysOnSampler(),
  always_off: () => new AlwaysOffSampler(),
  'ratio-0.1': () => new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0.1) }),
};
const sampler = samplers[process.env.BENCH_SAMPLER || 'always_on'];
if (!sampler) throw new Error(`BENCH_SAMPLER: one of ${Object.keys(samplers).join(', ')}`);

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
    sampler: sampler(),
    spanProcessors: [
      // Exports every 512 spans, never on the clock: how long spans wait in the queue (and so
      // what the garbage collector pays to keep them) must not depend on how fast the process
      // runs — under valgrind a 5 s timer fires every few hundred messages, natively every few
      // thousand, and instruction counts of sampled runs varied by 10 % with it.
      new BatchSpanProcessor(dropping, {
        maxQueueSize: 100_000,
        maxExportBatchSize: 512,
        scheduledDelayMillis: 3_600_000,
      }),
    ],
  }),
);
