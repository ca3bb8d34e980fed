import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Variant } from '../shared/variants.js';

/**
 * V8 flags of every measured process, so that a workload's count repeats from run to run (two
 * SDK-only runs of the SQS workload: 1 562.6 k and 1 519.6 k instructions per message without
 * them, 1 622.0 k and 1 622.2 k with them):
 * - `--single-threaded`: the optimising compiler and the garbage collector work on the main thread
 *   where the program reaches them, not on helper threads whose share of the work (and whether a
 *   compile job started in the warm-up lands inside the window) depends on scheduling;
 * - `--predictable-gc-schedule`: a fixed young generation and heap growth, and no memory reducer,
 *   which collects on a timer;
 * - `--expose-gc`: the workload collects before its window opens (settledHeap), so every run
 *   starts counting from the same heap;
 * - `--random-seed`: Math.random, and with it trace and span ids and the ratio sampler's
 *   decisions, repeat from run to run.
 */
export const DETERMINISTIC_NODE_FLAGS: readonly string[] = [
  '--single-threaded',
  '--predictable-gc-schedule',
  '--expose-gc',
  '--random-seed=20261130',
];

/**
 * Runs one workload under callgrind with instrumentation off until the workload's meter starts
 * it (start-up and warm-up run uninstrumented, several times faster), and returns the
 * instructions the process executed between the meter's start() and stop(): every thread's, the
 * SDK's batch processor and the garbage collector included, the broker's not. Counts repeat to
 * within about 1 % whatever else the machine runs, where CPU time does not.
 */
export function measuredInstructions(
  workload: string,
  variant: Variant,
  env: NodeJS.ProcessEnv,
  profileDir?: string,
  mainThreadOnly = false,
): Promise<number> {
  // The main thread's count alone needs a file per thread to read it from.
  const scratch = mainThreadOnly && !profileDir ? mkdtempSync(join(tmpdir(), 'callgrind-')) : '';
  const out =
    profileDir || scratch
      ? join(profileDir || scratch, `callgrind.${variant.name.replace(/[^a-z0-9.-]+/gi, '_')}.out`)
      : '/dev/null';
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--instr-atstart=no',
        ...(mainThreadOnly ? ['--separate-threads=yes'] : []),
        `--callgrind-out-file=${out}`,
        process.execPath,
        ...DETERMINISTIC_NODE_FLAGS,
        // e.g. --perf-basic-prof, to name JIT code in a PROFILE_DIR's output from /tmp/perf-<pid>.map
        ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
        ...variant.require.flatMap((m) => ['--require', m]),
        workload,
      ],
      { env: { ...process.env, ...env, ...variant.env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err)?.[1];
      const counted = mainThreadOnly
        ? mainThreadCount(out)
        : refs
          ? Number(refs.replaceAll(',', ''))
          : 0;
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      // Nothing counted: the window never opened. A workload whose broker dropped its connections
      // ends when its event loop runs dry, with exit code 0 and its messages never sent.
      if (code !== 0 || counted === 0) {
        reject(
          new Error(
            `${variant.name} under callgrind: exit ${code}, ${counted} instructions counted\n${err.slice(-2000)}`,
          ),
        );
      } else resolve(counted);
    });
  });
}

/**
 * The main thread's instructions from callgrind's per-thread files (`<out>-01` is thread 1): for
 * a client with native threads of its own (librdkafka's), whose polling work in the window grows
 * with how long the window lasts under valgrind, so counting every thread measures slowness as
 * much as work. msgtrace's code runs on the main thread only.
 */
function mainThreadCount(out: string): number {
  const dir = join(out, '..');
  const base = out.slice(dir.length + 1);
  const file = readdirSync(dir).find((name) => name.startsWith(`${base}-`) && name.endsWith('-01'));
  if (!file) return 0;
  // The header's `summary:` is written before anything is counted; `totals:` ends the file.
  const totals = /^totals:\s+(\d+)/m.exec(readFileSync(join(dir, file), 'utf8'));
  return totals ? Number(totals[1]) : 0;
}
