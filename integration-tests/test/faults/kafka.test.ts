import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { hostPort } from '@msgtrace/brokers';
import { uniqueName } from '@msgtrace/test-utils';
import { compareRuns, type Mode, type WorkloadRun } from '../../src/faults/compare';
import {
  endpoints,
  killedThenRestarted,
  oneProcess,
  startWorkload,
} from '../../src/faults/scenario';
import { cutConnections } from '../../src/faults/sockets';

const dir = mkdtempSync(join(tmpdir(), 'msgtrace-kafka-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workloadEnv = (scenario: string, mode: Mode) => ({
  SCENARIO: scenario,
  KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
  TOPIC: uniqueName(`faults-${scenario}-${mode}`),
  GROUP: uniqueName(`faults-group-${mode}`),
});

const consumerKilled = (mode: Mode) =>
  killedThenRestarted('kafka-workload', mode, workloadEnv('kill', mode), 90_000);

/**
 * Half the messages produced and consumed; then every connection the app has to the broker is
 * cut (the shared broker and its other clients go on), and the app sends and consumes the rest.
 */
async function connectionsCut(mode: Mode): Promise<WorkloadRun> {
  const go = join(dir, `${mode}.go`);
  const app = startWorkload(
    'kafka-workload',
    mode,
    { ...workloadEnv('cut', mode), GO_FILE: go },
    120_000,
  );
  await app.waitForOutput('HOLDING');
  const { port } = hostPort(endpoints.kafkaBrokers[0] ?? '');
  expect(await cutConnections(app.pid ?? 0, port)).toBeGreaterThan(0);
  writeFileSync(go, '');
  return oneProcess(await app.done);
}

describe('Kafka faults: the app gets what it gets bare, every span ends', () => {
  it('consumer killed mid-batch before committing: the group hands the batch to the next member', async () => {
    const bare = await consumerKilled('bare');
    const instrumented = await consumerKilled('instrumented');
    compareRuns('kafka: consumer killed mid-batch, redelivery', bare, instrumented);
  });

  it('producer and consumer connections cut mid-stream: both reconnect and nothing repeats', async () => {
    const bare = await connectionsCut('bare');
    const instrumented = await connectionsCut('instrumented');
    compareRuns('kafka: connections cut mid-stream', bare, instrumented);
    expect(bare.messages).toHaveLength(10);
  });
});
