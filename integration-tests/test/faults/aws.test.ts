import { describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { faultyAwsRule } from '../../src/faults/aws-rules';
import { compareRuns, type Mode, type WorkloadRun } from '../../src/faults/compare';
import { startHttpFaultProxy } from '../../src/faults/proxies';
import {
  endpoints,
  killedThenRestarted,
  oneProcess,
  startWorkload,
} from '../../src/faults/scenario';

const sqsRule = () =>
  faultyAwsRule({
    read: 'ReceiveMessage',
    rejectMarker: '"reject-me"',
    rejectType: 'InvalidMessageContents',
    throttleType: 'ThrottlingException',
    serverType: 'InternalError',
  });

const kinesisRule = () =>
  faultyAwsRule({
    read: 'GetRecords',
    rejectMarker: '"reject"',
    rejectType: 'ValidationException',
    throttleType: 'ProvisionedThroughputExceededException',
    serverType: 'InternalFailure',
  });

/** A workload through a fault proxy in front of `target`, with the proxy's log of what it did. */
async function throughProxy(
  fixture: string,
  target: string,
  rule: ReturnType<typeof faultyAwsRule>,
  env: (proxy: string) => NodeJS.ProcessEnv,
  mode: Mode,
): Promise<{ run: WorkloadRun; log: string[] }> {
  const proxy = await startHttpFaultProxy(target, rule);
  try {
    const app = startWorkload(fixture, mode, { SCENARIO: 'faulty', ...env(proxy.endpoint) });
    return { run: oneProcess(await app.done), log: proxy.log };
  } finally {
    await proxy.close();
  }
}

const sqsFaulty = (mode: Mode) =>
  throughProxy(
    'sqs-workload',
    endpoints.sqsEndpoint,
    sqsRule(),
    (proxy) => ({
      SQS_ENDPOINT: proxy,
      SQS_ADMIN_ENDPOINT: endpoints.sqsEndpoint,
      QUEUE: uniqueName(`faults-sqs-${mode}`),
    }),
    mode,
  );

const kinesisFaulty = (mode: Mode) =>
  throughProxy(
    'kinesis-workload',
    endpoints.kinesisEndpoint,
    kinesisRule(),
    (proxy) => ({
      KINESIS_ENDPOINT: proxy,
      KINESIS_ADMIN_ENDPOINT: endpoints.kinesisEndpoint,
      STREAM: uniqueName(`faults-kinesis-${mode}`),
    }),
    mode,
  );

const sqsKilled = (mode: Mode) =>
  killedThenRestarted('sqs-workload', mode, {
    SCENARIO: 'kill',
    SQS_ENDPOINT: endpoints.sqsEndpoint,
    SQS_ADMIN_ENDPOINT: endpoints.sqsEndpoint,
    QUEUE: uniqueName(`faults-sqs-kill-${mode}`),
  });

/** The proxy really did each kind of harm, in both runs. */
function harmed(log: string[]): void {
  for (const kind of ['cut-after', 'cut-before', '400', '500']) {
    expect([kind, log.some((line) => line.endsWith(` ${kind}`))]).toEqual([kind, true]);
  }
}

describe('SQS and Kinesis calls failing, throttled and cut: the app gets what it gets bare', () => {
  it('SQS: sends and receives throttled, failing, cut before and after the broker saw them', async () => {
    const bare = await sqsFaulty('bare');
    const instrumented = await sqsFaulty('instrumented');
    compareRuns('sqs: calls failing, throttled, connection cut', bare.run, instrumented.run);
    harmed(bare.log);
    harmed(instrumented.log);
    expect(bare.run.events).toEqual(['send rejected InvalidMessageContents']);
  });

  it('SQS: consumer killed holding every message, a new one receives them after the timeout', async () => {
    const bare = await sqsKilled('bare');
    const instrumented = await sqsKilled('instrumented');
    compareRuns('sqs: consumer killed mid-batch, redelivery', bare, instrumented);
  });

  it('Kinesis: puts and reads throttled, failing, cut before and after the broker saw them', async () => {
    const bare = await kinesisFaulty('bare');
    const instrumented = await kinesisFaulty('instrumented');
    compareRuns('kinesis: calls failing, throttled, connection cut', bare.run, instrumented.run);
    harmed(bare.log);
    harmed(instrumented.log);
    expect(bare.run.events).toEqual(['put rejected ValidationException']);
  });
});
