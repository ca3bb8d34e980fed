import { describe, expect, it } from '@jest/globals';
import { hostPort } from '@msgtrace/brokers';
import { uniqueName } from '@msgtrace/test-utils';
import { compareRuns, type Mode, type WorkloadRun } from '../../src/faults/compare';
import { startTcpProxy } from '../../src/faults/proxies';
import {
  endpoints,
  killedThenRestarted,
  oneProcess,
  startWorkload,
  viaPort,
} from '../../src/faults/scenario';

const { host, port } = hostPort(endpoints.amqpUrl);

/** The workload through a proxy of its own, the connection cut while deliveries are unsettled. */
async function connectionCut(mode: Mode): Promise<WorkloadRun> {
  const proxy = await startTcpProxy(host, port);
  try {
    const app = startWorkload('rabbitmq-workload', mode, {
      SCENARIO: 'cut',
      AMQP_URL: viaPort(endpoints.amqpUrl, proxy.port),
      QUEUE: uniqueName(`faults-cut-${mode}`),
    });
    await app.waitForOutput('HOLDING');
    expect(proxy.cutAll()).toBeGreaterThan(0);
    return oneProcess(await app.done);
  } finally {
    await proxy.close();
  }
}

async function alone(scenario: string, mode: Mode): Promise<WorkloadRun> {
  const app = startWorkload('rabbitmq-workload', mode, {
    SCENARIO: scenario,
    AMQP_URL: endpoints.amqpUrl,
    QUEUE: uniqueName(`faults-${scenario}-${mode}`),
  });
  return oneProcess(await app.done);
}

const consumerKilled = (mode: Mode) =>
  killedThenRestarted('rabbitmq-workload', mode, {
    SCENARIO: 'kill',
    AMQP_URL: endpoints.amqpUrl,
    QUEUE: uniqueName(`faults-kill-${mode}`),
  });

/** The instrumented run really tracked the unsettled deliveries it then had to let go of. */
function trackedWhileHolding(run: WorkloadRun): void {
  expect([...run.finished, ...run.killed].flatMap((r) => r.notes)).toContain('holding-open 5');
}

describe('RabbitMQ faults: the app gets what it gets bare, every span ends, nothing stays tracked', () => {
  it('connection cut with 5 deliveries unsettled: redelivered after the reconnect', async () => {
    const bare = await connectionCut('bare');
    const instrumented = await connectionCut('instrumented');
    compareRuns('rabbitmq: connection cut, unsettled deliveries', bare, instrumented);
    trackedWhileHolding(instrumented);
    expect(bare.messages.filter((m) => m.endsWith('redelivered=true'))).toHaveLength(5);
  });

  it('channel closed by the broker (bad ack) with 5 deliveries unsettled', async () => {
    const bare = await alone('channel-error', 'bare');
    const instrumented = await alone('channel-error', 'instrumented');
    compareRuns('rabbitmq: channel closed by the broker, unsettled deliveries', bare, instrumented);
    trackedWhileHolding(instrumented);
    expect(bare.events).toEqual(['channel error 406']);
  });

  it('consumer process killed holding 5 deliveries, a new one consumes everything', async () => {
    const bare = await consumerKilled('bare');
    const instrumented = await consumerKilled('instrumented');
    compareRuns('rabbitmq: consumer killed mid-batch, redelivery', bare, instrumented);
    trackedWhileHolding(instrumented);
    expect(bare.messages.filter((m) => m.endsWith('redelivered=true'))).toHaveLength(5);
  });
});
