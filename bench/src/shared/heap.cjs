// Heap in use at a point of a workload, for the soak benchmark (run with --expose-gc): spans the
// SDK still holds are exported first and the garbage collected, so what remains is what lives
// on — the state an instrumentation keeps per message shows up as growth between two points.
const { trace } = require('@opentelemetry/api');

async function settledHeap() {
  if (typeof global.gc !== 'function') return undefined;
  const provider = trace.getTracerProvider();
  const delegate = typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider;
  if (typeof delegate.forceFlush === 'function') await delegate.forceFlush();
  // Timers and microtasks of the last messages first, then two full collections (weak maps'
  // entries go in the second).
  await new Promise((resolve) => setTimeout(resolve, 100));
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
}

module.exports = { settledHeap };
