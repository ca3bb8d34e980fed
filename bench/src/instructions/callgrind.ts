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
 *
 * And flags that bring the window to steady state within the warm-ups of brokers.ts, so that
 * TurboFan compiling is not decided by which variant's window a late compile falls into.
 * Counted natively with `--trace-opt` (functions compiled between the meter's marks, SQS,
 * 3 000 + 3 000 warm-up, always_off: SDK only / msgtrace / contrib):
 * - `--interrupt-budget=4224` (default 67 584) and
 *   `--minimum-invocations-after-ic-update=50` (default 500): V8 tiers a function up after it
 *   has run a budget of bytecode, and after each inline-cache change waits for 500 more calls.
 *   The AWS SDK's and Node's per-request code (serializeRequest, createStringToSign,
 *   getSigningKey, parserOnHeadersComplete, …) runs a few times per request and reached
 *   TurboFan only after thousands of requests: 38 / 49 / 40 functions compiled inside the
 *   window by default, 16 / 22 / 18 with these two (no deoptimisation loops: 2 deopts inside
 *   each window);
 * - `--initial-old-space-size=256`: no major collection between the collections that end the
 *   warm-up and the end of the window. Each major collection frees hidden classes and objects
 *   that optimised code embeds and V8 deoptimises that code ("weak objects" in --trace-deopt);
 *   one that fell in the second warm-up or the window had the window recompile what it
 *   deoptimised, and where it fell followed each variant's allocation. With all three:
 *   11 / 12 / 12 (always_off), 15 / 15 ratio-0.1, 14 / 14 always_on: the same Node HTTP
 *   functions in every variant, deoptimised by the forced collections and recompiled at the
 *   window's first requests.
 * Under callgrind (one SQS pass, 1 000 messages, split.cjs) the optimising compiler went from
 * about 560 k instructions per message in every variant to 102.7 k SDK only (both runs),
 * msgtrace 114 / 119 / 155 k and contrib 117 / 137 / 164 k (always_off / sampled / ratio-0.1),
 * and SDK only from 1 458 k to 929 k per message.
 */
export const DETERMINISTIC_NODE_FLAGS: readonly string[] = [
  '--single-threaded',
  '--predictable-gc-schedule',
  '--expose-gc',
  '--random-seed=20261130',
  '--interrupt-budget=4224',
  '--minimum-invocations-after-ic-update=50',
  '--initial-old-space-size=256',
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
