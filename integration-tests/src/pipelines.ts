import { join } from 'node:path';
import { expect } from '@jest/globals';
import {
  type FixtureResult,
  type PlainDataPoint,
  runFixture,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { amqpConnect } from './clients';

/**
 * One service of a pipeline test in its own process (`test/pipelines/fixtures/hop.cjs` for Kafka
 * and RabbitMQ, `aws-hop.cjs` for SQS and Kinesis), named by
 * `OTEL_SERVICE_NAME`, instrumented by the auto register entry unless `instrumented` is false,
 * with pipelines turned on (`MSGTRACE_PIPELINES=true`: they are opt-in; `env` may say otherwise),
 * under always_off sampling: pathway metrics must not depend on spans.
 */
export function hop(
  service: string,
  env: NodeJS.ProcessEnv,
  instrumented = true,
  fixture = 'hop.cjs',
): Promise<FixtureResult> {
  return runFixture(join(__dirname, '..', 'test', 'pipelines', 'fixtures', fixture), {
    ...(instrumented ? { require: ['@msgtrace/auto/register'] } : {}),
    sampler: 'always_off',
    env: { OTEL_SERVICE_NAME: service, MSGTRACE_PIPELINES: 'true', ...env },
  });
}

/** The data points of metric `name` a hop recorded. */
export function points(result: FixtureResult, name: string): PlainDataPoint[] {
  return result.metrics.find((metric) => metric.name === name)?.dataPoints ?? [];
}

/** Every hop exited cleanly and printed nothing but the libraries' own known warnings. */
export function expectClean(...results: FixtureResult[]): void {
  for (const result of results) {
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
  }
}

/** A plain queue that outlives its consumers (a chain runs twice through it); `drop` deletes it. */
export async function plainQueue(name: string): Promise<{ drop: () => Promise<void> }> {
  const connection = await amqpConnect();
  const channel = await connection.createChannel();
  await channel.assertQueue(name, { durable: false });
  await connection.close();
  return {
    drop: async () => {
      const again = await amqpConnect();
      await (await again.createChannel()).deleteQueue(name);
      await again.close();
    },
  };
}
