import { join } from 'node:path';
import { expect } from '@jest/globals';
import {
  type FixtureOptions,
  type FixtureResult,
  type PlainMetric,
  runFixture,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';

/**
 * The Confluent client's broker suites run its apps out of process: the register entry patches
 * at load time, which Jest's module registry never shows a hook, and its native addon loads once
 * per process (a Jest worker reloading it for a second test file cannot).
 */
export const CONFLUENT_REGISTER = '@msgtrace/instrumentation-confluent-kafka/register';
export const fixtures = join(__dirname, '..', 'test', 'confluent-kafka', 'fixtures');

/** Runs the Confluent app's SCENARIO on TOPIC and checks it ended cleanly. */
export async function runConfluentApp(
  scenario: string,
  topic: string,
  options: FixtureOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<FixtureResult & { output: Record<string, unknown> }> {
  return clean(
    await runFixture(join(fixtures, 'app.cjs'), {
      require: [CONFLUENT_REGISTER],
      ...options,
      env: { SCENARIO: scenario, TOPIC: topic, ...options.env },
    }),
  );
}

/** Runs the kafkajs half of the interop suite. */
export async function runKafkaJsSide(
  scenario: 'produce' | 'consume',
  topic: string,
  options: FixtureOptions = {},
): Promise<FixtureResult & { output: Record<string, unknown> }> {
  return clean(
    await runFixture(join(fixtures, 'kafkajs-side.cjs'), {
      ...options,
      env: { SCENARIO: scenario, TOPIC: topic, ...options.env },
    }),
  );
}

function clean(result: FixtureResult): FixtureResult & { output: Record<string, unknown> } {
  expect(withoutLibraryWarnings(result.stderr)).toBe('');
  expect(result.code).toBe(0);
  return { ...result, output: JSON.parse(result.stdout) as Record<string, unknown> };
}

/** The sum of a counter's points for one destination. */
export function counted(metrics: PlainMetric[], name: string, destination: string): number {
  const metric = metrics.find((m) => m.name === name);
  return (metric?.dataPoints ?? [])
    .filter((point) => point.attributes['messaging.destination.name'] === destination)
    .reduce((sum, point) => sum + (typeof point.value === 'number' ? point.value : 0), 0);
}
