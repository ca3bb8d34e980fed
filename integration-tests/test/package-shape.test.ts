import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The broker packages share one layout (root README, "Layout"), so that any behaviour is in the
 * same obvious file in each and a fifth broker is filled in, not designed. Each entry is a file of
 * `src/`; alternatives are names one package may use instead (a folder per operation when one
 * telemetry file would be too long; Kinesis calls its units records).
 */
const SHAPE: readonly (readonly string[])[] = [
  ['index.ts'],
  ['instrumentation.ts'],
  ['patches'],
  ['describe.ts'],
  ['telemetry.ts'],
  ['process-message.ts', 'process-record.ts'],
  ['attributes.ts'],
  ['types.ts'],
  ['register.ts'],
  ['version.ts'],
];

const BROKER_PACKAGES = [
  '@msgtrace/instrumentation-kafkajs',
  '@msgtrace/instrumentation-confluent-kafka',
  '@msgtrace/instrumentation-aws-sqs',
  '@msgtrace/instrumentation-amqplib',
  '@msgtrace/instrumentation-aws-kinesis',
];

describe.each(BROKER_PACKAGES)('%s has the shared package shape', (name) => {
  const src = join(dirname(require.resolve(`${name}/package.json`)), 'src');
  const entries = new Set(readdirSync(src));

  it.each(SHAPE.map((names) => [names.join(' or '), names] as const))('src/ has %s', (_, names) => {
    expect(names.filter((file) => entries.has(file))).toHaveLength(1);
  });

  it('keeps the library wrapping in patches/ and the pure description out of it', () => {
    expect(readdirSync(join(src, 'patches')).length).toBeGreaterThan(0);
    expect(existsSync(join(src, 'patches', 'describe.ts'))).toBe(false);
  });
});
