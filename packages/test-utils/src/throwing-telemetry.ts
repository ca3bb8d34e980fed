import { AssertionError, deepStrictEqual } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixtureOptions, type FixtureResult, runFixture } from './fixture.js';
import { withoutLibraryWarnings } from './library-warnings.js';

/** What happened in one run of a fixture beyond its output. */
export interface FixtureIncidents {
  /** `uncaughtException` / `unhandledRejection` events the process saw, as `kind: message`. */
  hostExceptions: string[];
  /** How often the throwing span processor threw from `onStart` and from `onEnd`. */
  processorThrows: { onStart: number; onEnd: number };
}

export type ThrowingRun = 'bare' | 'onStart' | 'onEnd';

/**
 * The same fixture run three times: with a normal SDK; with a span processor whose `onStart`
 * throws (every span start fails: the paths that prepare a span); and with one whose `onEnd`
 * throws (every span starts, and every path that ends one, from timers and listeners too, meets
 * the throw).
 */
export type ThrowingTelemetryRuns = Record<ThrowingRun, FixtureResult & FixtureIncidents>;

/**
 * Runs `script` in fresh processes under the test SDK: once as it is, then with a span processor
 * (registered after the recording one, so spans are still recorded) that throws from `onStart`,
 * then with one that throws from `onEnd`, as a user's broken processor would. Every run watches
 * `uncaughtException` and `unhandledRejection`. `envFor(run)` gives each run its own environment
 * (fresh queue or topic names).
 */
export async function runUnderThrowingTelemetry(
  script: string,
  envFor: (run: ThrowingRun) => NodeJS.ProcessEnv,
  options: Omit<FixtureOptions, 'env'> = {},
): Promise<ThrowingTelemetryRuns> {
  const runs: Partial<ThrowingTelemetryRuns> = {};
  for (const run of ['bare', 'onStart', 'onEnd'] as const) {
    runs[run] = await runWithIncidents(script, { ...options, env: envFor(run) }, run);
  }
  return runs as ThrowingTelemetryRuns;
}

async function runWithIncidents(
  script: string,
  options: FixtureOptions,
  run: ThrowingRun,
): Promise<FixtureResult & FixtureIncidents> {
  const dir = mkdtempSync(join(tmpdir(), 'msgtrace-incidents-'));
  const file = join(dir, 'incidents.log');
  try {
    const result = await runFixture(script, {
      ...options,
      env: {
        ...options.env,
        MSGTRACE_TEST_INCIDENTS_FILE: file,
        ...(run === 'bare' ? {} : { MSGTRACE_TEST_THROWING_PROCESSOR: run }),
      },
    });
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
    const count = (prefix: string) => lines.filter((line) => line === prefix).length;
    return {
      ...result,
      hostExceptions: lines.filter((line) => line.startsWith('host ')),
      processorThrows: { onStart: count('processor onStart'), onEnd: count('processor onEnd') },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Throws unless the throwing processors changed nothing the app sees: every run exits 0 with
 * nothing on stderr (but the client libraries' own warnings, see `withoutLibraryWarnings`), prints the same output as the bare run (the messages, callbacks and results
 * the fixture reports), no exception reached the host, the bare run made spans, and each throwing
 * processor really threw (`onStart` in its run, `onEnd` in its) at least `minThrows` times.
 */
export function assertUnharmedByThrowingTelemetry(
  runs: ThrowingTelemetryRuns,
  minThrows = 1,
): void {
  for (const [name, run] of Object.entries(runs)) {
    deepStrictEqual(
      {
        code: run.code,
        stderr: withoutLibraryWarnings(run.stderr),
        hostExceptions: run.hostExceptions,
      },
      { code: 0, stderr: '', hostExceptions: [] },
      `${name} run: exit code, stderr and host exceptions`,
    );
  }
  for (const name of ['onStart', 'onEnd'] as const) {
    deepStrictEqual(
      runs[name].stdout,
      runs.bare.stdout,
      `the app saw something else with a span processor throwing from ${name}`,
    );
    const throws = runs[name].processorThrows[name];
    if (throws < minThrows) {
      throw new AssertionError({
        message: `the processor threw ${throws} times from ${name} (want at least ${minThrows})`,
      });
    }
  }
  if (runs.bare.spans.length === 0) {
    throw new AssertionError({ message: 'the bare run made no spans: nothing was instrumented' });
  }
}
