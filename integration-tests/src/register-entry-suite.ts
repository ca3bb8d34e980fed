import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { type FixtureResult, runFixture, spansNamed } from '@msgtrace/test-utils';
import { lowestInstalled } from './versions';

/**
 * What every broker's register entry must do in a real Node process, and what differs per broker.
 * The fixtures are a CommonJS and an ES module app doing one round trip; the CommonJS one loads
 * the client from `lowest.variable` when set, so the same app runs on the oldest supported version.
 */
export interface RegisterEntrySuite {
  /** The register entry, e.g. `@msgtrace/instrumentation-amqplib/register`. */
  entry: string;
  /** The folder of the fixtures (the test file's `fixtures/`). */
  fixtures: string;
  /** The CommonJS fixture's file name in that folder. */
  cjs: string;
  /** The ES module fixture's file name in that folder. */
  esm: string;
  /** A fresh destination (topic, queue URL, stream) named after `label`. */
  destination(label: string): Promise<string> | string;
  /** The fixture's environment for a destination, plus `extra`. */
  env(destination: string, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** The oldest supported client, and the variable the CommonJS fixture loads it from. */
  lowest: { library: string; folder?: string; version: string; variable: string };
  /** The spans, output and exit of one traced round trip by the `cjs` or `esm` fixture. */
  expectTracedRoundTrip(result: FixtureResult, destination: string, app: 'cjs' | 'esm'): void;
  /** The producer span's name, counted to prove the client was patched exactly once. */
  producerSpan(destination: string): string;
}

/**
 * The three tests every register entry gets, inside the caller's `describe`: `--require` into a
 * CommonJS app, `--import` into an ES module app while also required twice (patched once), and
 * the lowest supported client version.
 */
export function itInstrumentsThroughTheRegisterEntry(suite: RegisterEntrySuite): void {
  const fixture = (name: string) => join(suite.fixtures, name);

  it('instruments a CommonJS app through --require', async () => {
    const destination = await suite.destination('register-cjs');
    const result = await runFixture(fixture(suite.cjs), {
      require: [suite.entry],
      env: suite.env(destination),
    });
    suite.expectTracedRoundTrip(result, destination, 'cjs');
  });

  it('instruments an ES module app through --import, once even when also required twice', async () => {
    const destination = await suite.destination('register-esm');
    const result = await runFixture(fixture(suite.esm), {
      require: [suite.entry, suite.entry],
      import: [suite.entry],
      env: suite.env(destination),
    });
    suite.expectTracedRoundTrip(result, destination, 'esm');
    expect(spansNamed(result.spans, suite.producerSpan(destination))).toHaveLength(1);
  });

  const { library, folder, version, variable } = suite.lowest;
  it(`instruments the lowest supported ${library}, ${version}, too`, async () => {
    const lowest = lowestInstalled(library, folder);
    expect(lowest.version).toBe(version);
    const destination = await suite.destination('register-lowest');
    const result = await runFixture(fixture(suite.cjs), {
      require: [suite.entry],
      env: suite.env(destination, { [variable]: lowest.dir }),
    });
    suite.expectTracedRoundTrip(result, destination, 'cjs');
  });
}
