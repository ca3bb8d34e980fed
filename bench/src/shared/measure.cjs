// What every workload does around its own messages: WARMUP messages so the JIT settles, the heap
// noted, REWARM more (../shared/rewarm.cjs says why), then COUNT messages between the meter's
// marks (callgrind counts only those; CPU and wall time are taken over the same stretch), the heap
// noted again, the workload's own clean-up, and the one JSON line the runners read.
const { settledHeap } = require('./heap.cjs');
const { meter } = require('./meter.cjs');
const { rewarm } = require('./rewarm.cjs');

/**
 * @param {object} workload
 * @param {(n: number) => Promise<void>} workload.run sends and consumes n messages
 * @param {number} workload.warmup
 * @param {number} workload.count
 * @param {() => void} [workload.afterWindow] what must happen before the heap is read (a held
 *   handler let go)
 * @param {() => Promise<unknown>} workload.close the workload's clean-up, after the last heap
 */
async function measure({ run, warmup, count, afterWindow, close }) {
  await run(warmup);
  const heapAfterWarmup = await settledHeap();
  if (rewarm > 0) await run(rewarm);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  meter.start();
  await run(count);
  meter.stop();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  afterWindow?.();
  const heapAtEnd = await settledHeap();
  await close();
  console.log(
    JSON.stringify({
      count,
      cpuMicros: used.user + used.system,
      wallMs,
      heapAfterWarmup,
      heapAtEnd,
    }),
  );
}

/** `run` over n messages in pieces of at most `size`: a long soak run never has more in flight. */
const inChunks = (run, size) => async (n) => {
  for (let done = 0; done < n; done += size) await run(Math.min(size, n - done));
};

/** Runs a workload's main and exits with its outcome (clients' sockets must not keep it alive). */
function runWorkload(main) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

module.exports = { inChunks, measure, runWorkload };
