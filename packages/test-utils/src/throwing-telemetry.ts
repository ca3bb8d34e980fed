import { AssertionError, deepStrictEqual } from 'node:assert';
import type { FixtureOptions, FixtureResult } from './fixture.js';
import { type FixtureIncidents, runWithIncidents } from './incidents.js';
import { withoutLibraryWarnings } from './library-warnings.js';

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
    const throwing = run === 'bare' ? {} : { MSGTRACE_TEST_THROWING_PROCESSOR: run };
    runs[run] = await runWithIncidents(script, {
      ...options,
      env: { ...envFor(run), ...throwing },
    });
  }
  return runs as ThrowingTelemetryRuns;
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
