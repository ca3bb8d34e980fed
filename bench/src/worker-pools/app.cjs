// The worker-pool workload: TASKS tasks through a 2-thread piscina pool, each run inside a span
// of the app's (unless NO_APP_SPAN) and making SPANS_PER_TASK spans in the worker. Prints the CPU
// time of the whole process (every thread) and the wall time per task, after a warm-up.
const { join } = require('node:path');
const { trace } = require('@opentelemetry/api');
const Piscina = require('piscina');

const tasks = Number(process.env.TASKS ?? 2000);
const pool = new Piscina({ filename: join(__dirname, 'worker.cjs'), minThreads: 2, maxThreads: 2 });
const tracer = trace.getTracer('bench-app');
// NO_APP_SPAN=1: run() with no span active, the case that must cost nothing.
const inSpan = process.env.NO_APP_SPAN
  ? (_name, work) => work({ end() {} })
  : (name, work) => tracer.startActiveSpan(name, work);

async function runAll(count) {
  for (let i = 0; i < count; i += 8) {
    const batch = [];
    for (let j = 0; j < 8; j += 1) {
      batch.push(inSpan('request', (span) => pool.run({ i: i + j }).finally(() => span.end())));
    }
    await Promise.all(batch);
  }
}

(async () => {
  await runAll(400);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await runAll(tasks);
  const wallNs = Number(process.hrtime.bigint() - started);
  const used = process.cpuUsage(cpu);
  // Idle for a while, as a service between bursts: the workers sit in Atomics.wait.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await pool.destroy();
  console.log(
    JSON.stringify({
      cpuUsPerTask: (used.user + used.system) / tasks,
      wallUsPerTask: wallNs / 1e3 / tasks,
    }),
  );
})();
