import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerName } from '@msgtrace/brokers';
import { uniqueName } from '@msgtrace/test-utils';
import { compareRuns, type Mode } from '../../src/faults/compare';
import {
  PRIVATE_ENDPOINTS,
  privateBrokers,
  restartPrivate,
} from '../../src/faults/private-brokers';
import { oneProcess, startWorkload } from '../../src/faults/scenario';

const BROKERS: BrokerName[] = ['kafka', 'rabbitmq', 'sqs', 'kinesis'];

beforeAll(async () => {
  // Whatever a crashed run left, then fresh private brokers.
  await privateBrokers('down');
  await privateBrokers('up', ...BROKERS);
}, 400_000);

// Stopping four brokers one after the other takes minutes on a busy machine.
afterAll(() => privateBrokers('down'), 400_000);

const dir = mkdtempSync(join(tmpdir(), 'msgtrace-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKLOADS: Record<BrokerName, [string, (mode: Mode) => NodeJS.ProcessEnv]> = {
  kafka: [
    'kafka-workload',
    (mode) => ({
      KAFKA_BROKERS: PRIVATE_ENDPOINTS.kafkaBrokers.join(','),
      TOPIC: uniqueName(`faults-restart-${mode}`),
      GROUP: uniqueName(`faults-restart-${mode}`),
    }),
  ],
  rabbitmq: [
    'rabbitmq-workload',
    (mode) => ({
      AMQP_URL: PRIVATE_ENDPOINTS.amqpUrl,
      QUEUE: uniqueName(`faults-restart-${mode}`),
    }),
  ],
  sqs: [
    'sqs-workload',
    (mode) => ({
      SQS_ENDPOINT: PRIVATE_ENDPOINTS.sqsEndpoint,
      SQS_ADMIN_ENDPOINT: PRIVATE_ENDPOINTS.sqsEndpoint,
      QUEUE: uniqueName(`faults-restart-${mode}`),
    }),
  ],
  kinesis: [
    'kinesis-workload',
    (mode) => ({
      KINESIS_ENDPOINT: PRIVATE_ENDPOINTS.kinesisEndpoint,
      KINESIS_ADMIN_ENDPOINT: PRIVATE_ENDPOINTS.kinesisEndpoint,
      STREAM: uniqueName(`faults-restart-${mode}`),
    }),
  ],
};

/**
 * The bare and the instrumented app run side by side (their own topic, queue or stream) through
 * one restart of the broker: both hold half their messages when it stops, and do the rest while
 * it is away and after it is back.
 */
describe('a broker stopped and restarted under running apps (the suite’s own brokers)', () => {
  it.each(BROKERS)(
    '%s: the same messages as bare, every span ended',
    async (broker) => {
      const [fixture, envFor] = WORKLOADS[broker];
      const go = join(dir, `${broker}.go`);
      const apps = (['bare', 'instrumented'] as const).map((mode) =>
        startWorkload(
          fixture,
          mode,
          { SCENARIO: 'restart', GO_FILE: go, ...envFor(mode) },
          240_000,
        ),
      );
      await Promise.all(apps.map((app) => app.waitForOutput('HOLDING')));
      await restartPrivate(broker, () => writeFileSync(go, ''));
      const [bare, instrumented] = await Promise.all(apps.map((app) => app.done));
      if (!bare || !instrumented) throw new Error('an app did not run');
      compareRuns(
        `${broker}: broker stopped and restarted mid-stream`,
        oneProcess(bare),
        oneProcess(instrumented),
      );
      expect(oneProcess(bare).messages).toHaveLength(10);
    },
    300_000,
  );
});
