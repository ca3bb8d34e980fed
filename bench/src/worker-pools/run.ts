/**
 * `pnpm bench:worker-pools`: what carrying context into piscina workers and forwarding worker
 * spans cost, and what forwarding buys. One workload (app.cjs: tasks through a 2-thread pool,
 * each in an app span and making spans in the worker) in child processes:
 *
 * - bare: no msgtrace, no SDK;
 * - msgtrace with no span active at `run()` and none made in the worker (nothing carried, no
 *   task span, nothing exported);
 * - msgtrace: the register entry, worker spans forwarded to the main thread (the default);
 * - msgtrace, no forwarding: `MSGTRACE_FORWARD_WORKER_SPANS=false`, each worker exports itself.
 *
 * Reported: CPU time of the whole process (all threads) per task, wall time per task, and how many
 * of the spans made reached the OTLP receiver. Noisy machine: read the ratios of one run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { OtlpReceiver } from '@msgtrace/test-utils';
import { markdownTable } from '../harness';

const TASKS = Number(process.env.TASKS ?? 2000);
const SPANS_PER_TASK = 3;
const WARM_UP = 400;
// Per task: the app's span, the task span and the worker's own spans.
const EXPECTED = (TASKS + WARM_UP) * (2 + SPANS_PER_TASK);

interface Outcome {
  cpuUsPerTask: number;
  wallUsPerTask: number;
  received: number;
}

async function runCase(register: boolean, env: NodeJS.ProcessEnv): Promise<Outcome> {
  const receiver = await OtlpReceiver.start();
  const args = [
    ...(register ? ['--require', '@msgtrace/auto/register'] : []),
    join(__dirname, 'app.cjs'),
  ];
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: __dirname,
      env: {
        ...process.env,
        ...receiver.exporterEnv(),
        OTEL_BSP_SCHEDULE_DELAY: '500',
        OTEL_BSP_MAX_QUEUE_SIZE: '100000',
        TASKS: String(TASKS),
        SPANS_PER_TASK: String(SPANS_PER_TASK),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
  const received = receiver.spans().length;
  await receiver.close();
  return { ...(JSON.parse(stdout.trim()) as Omit<Outcome, 'received'>), received };
}

async function main() {
  const cases: [string, boolean, NodeJS.ProcessEnv][] = [
    ['bare (no msgtrace, no SDK)', false, {}],
    // Nothing to record anywhere: what remains is the patches' and the idle SDK's cost.
    [
      'msgtrace, no span active at run(), no worker spans',
      true,
      { NO_APP_SPAN: '1', SPANS_PER_TASK: '0' },
    ],
    ['msgtrace, worker spans forwarded (default)', true, {}],
    [
      'msgtrace, no forwarding (each worker exports)',
      true,
      { MSGTRACE_FORWARD_WORKER_SPANS: 'false' },
    ],
  ];
  const rows: string[][] = [];
  for (const [name, register, env] of cases) {
    const outcome = await runCase(register, env);
    rows.push([
      name,
      `${outcome.cpuUsPerTask.toFixed(0)} µs`,
      `${outcome.wallUsPerTask.toFixed(0)} µs`,
      register && !env.NO_APP_SPAN ? `${outcome.received} / ${EXPECTED}` : '—',
    ]);
  }
  console.log(
    `piscina 5, 2 threads, ${TASKS} tasks (after ${WARM_UP} warm-up), ${SPANS_PER_TASK} worker spans per task, OTLP/JSON\n`,
  );
  console.log(markdownTable(['case', 'CPU per task', 'wall per task', 'spans received'], rows));
}

void main();
