import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childOutput } from './child-output.js';
import type { PlainMetric } from './plain-metric.js';
import type { PlainSpan } from './plain-span.js';
import type { SamplerName } from './sdk.js';

export interface FixtureOptions {
  /** Modules loaded with `--require` after the test SDK, e.g. a package's register entry. */
  require?: string[];
  /** Modules loaded with `--import` (ESM loader hooks, ESM register entries). */
  import?: string[];
  /** Extra environment; the fixture inherits the test's environment (broker endpoints). */
  env?: NodeJS.ProcessEnv;
  /** Arguments after the script. */
  args?: string[];
  /** Sampler of the fixture's SDK. Default `always_on`. */
  sampler?: SamplerName;
  /** The fixture is killed after this long and the promise rejects. Default 60 s. */
  timeoutMs?: number;
  /** Whether the fixture records no SDK at all (to test a register entry that brings its own). */
  withoutTestSdk?: boolean;
}

export interface FixtureResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every span the fixture ended, in the order they ended. */
  spans: PlainSpan[];
  /** Metrics collected when the fixture's event loop drained; empty if it exited early. */
  metrics: PlainMetric[];
}

const preload = require.resolve('./preload.js');

/** A fixture process still running: the test can wait for its output and kill it mid-work. */
export interface RunningFixture {
  /** The fixture's process id (to find its connections, say). */
  pid: number | undefined;
  /** Resolves once the fixture's stdout contains `text` (rejects if it ends first). */
  waitForOutput(text: string): Promise<void>;
  /** Sends the process a signal (SIGKILL: a crash mid-work, nothing flushed). */
  kill(signal?: NodeJS.Signals): void;
  /** What the fixture did, once it ended (killed ones included). */
  done: Promise<FixtureResult>;
}

/**
 * Runs a script in a fresh Node process with the test SDK preloaded and returns the spans it
 * produced. require-in-the-middle and import-in-the-middle only see modules loaded by Node
 * itself, never through Jest's registry, so every test of a load-time patch goes through here.
 */
export function runFixture(script: string, options: FixtureOptions = {}): Promise<FixtureResult> {
  return startFixture(script, options).done;
}

/** `runFixture`, but the test keeps hold of the running process (to break things under it). */
export function startFixture(script: string, options: FixtureOptions = {}): RunningFixture {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrace-fixture-'));
  const spansFile = join(dir, 'spans.jsonl');
  const metricsFile = join(dir, 'metrics.json');
  const nodeArgs = [
    ...(options.withoutTestSdk ? [] : ['--require', preload]),
    ...(options.require ?? []).flatMap((m) => ['--require', m]),
    ...(options.import ?? []).flatMap((m) => ['--import', m]),
    script,
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, nodeArgs, {
    env: {
      ...process.env,
      ...options.env,
      MSGTRACE_TEST_SPANS_FILE: spansFile,
      MSGTRACE_TEST_METRICS_FILE: metricsFile,
      MSGTRACE_TEST_SAMPLER: options.sampler ?? 'always_on',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = { stdout: '', stderr: '' };
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const check of [...waiters]) check();
  };
  const output = childOutput(child, {
    timeoutMs: options.timeoutMs ?? 60_000,
    onOutput: (stdout, stderr) => {
      printed = { stdout, stderr };
      wake();
    },
  });
  const done = output
    .finally(() => {
      ended = true;
      wake();
    })
    .then(
      ({ code, signal, stdout, stderr }): FixtureResult => ({
        code,
        signal,
        stdout,
        stderr,
        spans: readJsonLines<PlainSpan>(spansFile),
        metrics: existsSync(metricsFile)
          ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as PlainMetric[])
          : [],
      }),
    )
    .finally(() => rmSync(dir, { recursive: true, force: true }));
  // A test that only waits for output must not leave the result's rejection unhandled.
  done.catch(() => {});
  return {
    pid: child.pid,
    done,
    kill: (signal = 'SIGKILL') => {
      child.kill(signal);
    },
    waitForOutput: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (printed.stdout.includes(text)) {
            waiters.delete(check);
            resolve();
          } else if (ended) {
            waiters.delete(check);
            const { stdout, stderr } = printed;
            reject(
              new Error(`fixture ${script} ended before printing "${text}"\n${stdout}\n${stderr}`),
            );
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}
