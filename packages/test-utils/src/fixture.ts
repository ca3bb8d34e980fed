import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Runs a script in a fresh Node process with the test SDK preloaded and returns the spans it
 * produced. require-in-the-middle and import-in-the-middle only see modules loaded by Node
 * itself, never through Jest's registry, so every test of a load-time patch goes through here.
 */
export function runFixture(script: string, options: FixtureOptions = {}): Promise<FixtureResult> {
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
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;

  return new Promise<FixtureResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fixture ${script} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve({
          code,
          signal,
          stdout,
          stderr,
          spans: readJsonLines<PlainSpan>(spansFile),
          metrics: existsSync(metricsFile)
            ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as PlainMetric[])
            : [],
        });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
}
