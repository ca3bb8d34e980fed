// The measured window of a workload, for the instruction-count benchmark: BENCH_METER names the
// compiled callgrind-meter addon (see bench/native), whose start() and stop() tell callgrind to
// count only the messages between them. Without it (CPU-time runs) both do nothing.
const meter = process.env.BENCH_METER
  ? require(process.env.BENCH_METER)
  : { start: () => undefined, stop: () => undefined };

module.exports = { meter };
