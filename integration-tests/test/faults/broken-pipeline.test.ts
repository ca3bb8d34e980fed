import { describe, expect, it } from '@jest/globals';
import {
  BROKEN_EXPORTER_QUEUE,
  BROKEN_PIPELINES,
  type FixtureRunWithIncidents,
  uniqueName,
} from '@msgtrace/test-utils';
import { compareRuns, type Mode, type WorkloadRun } from '../../src/faults/compare';
import { endpoints, oneProcess, startWorkload } from '../../src/faults/scenario';

/** Each broker's plain workload, sized so its spans overflow the broken exporter's queue. */
const WORKLOADS: Record<string, (mode: Mode) => [string, NodeJS.ProcessEnv]> = {
  rabbitmq: (mode) => [
    'rabbitmq-workload',
    { AMQP_URL: endpoints.amqpUrl, QUEUE: uniqueName(`faults-pipe-${mode}`), MESSAGES: '100' },
  ],
  sqs: (mode) => [
    'sqs-workload',
    {
      SQS_ENDPOINT: endpoints.sqsEndpoint,
      SQS_ADMIN_ENDPOINT: endpoints.sqsEndpoint,
      QUEUE: uniqueName(`faults-pipe-${mode}`),
      MESSAGES: '40',
    },
  ],
  kinesis: (mode) => [
    'kinesis-workload',
    {
      KINESIS_ENDPOINT: endpoints.kinesisEndpoint,
      KINESIS_ADMIN_ENDPOINT: endpoints.kinesisEndpoint,
      STREAM: uniqueName(`faults-pipe-${mode}`),
      MESSAGES: '40',
    },
  ],
  kafka: (mode) => [
    'kafka-workload',
    {
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      TOPIC: uniqueName(`faults-pipe-${mode}`),
      GROUP: uniqueName('faults-pipe-group'),
      MESSAGES: '100',
    },
  ],
};

/** How each broken part shows it really broke, and what its breakage may leave behind. */
const BROKEN = [
  ...BROKEN_PIPELINES.map((part) => ({ part, env: { MSGTRACE_TEST_BROKEN_PIPELINE: part } })),
  ...(['onStart', 'onEnd'] as const).map((method) => ({
    part: `span processor ${method}`,
    env: { MSGTRACE_TEST_THROWING_PROCESSOR: method },
  })),
];

async function run(broker: string, mode: Mode, env: NodeJS.ProcessEnv): Promise<WorkloadRun> {
  const [fixture, workloadEnv] = WORKLOADS[broker]?.(mode) ?? ['', {}];
  const app = startWorkload(fixture, mode, { SCENARIO: 'plain', ...workloadEnv, ...env }, 90_000);
  return oneProcess(await app.done);
}

/** msgtrace's own diag reports: each place that failed is reported once, however often. */
function msgtraceReports(run: FixtureRunWithIncidents): string[] {
  return run.diag.filter((line) => line.startsWith('error: msgtrace:'));
}

function provesBreakage(part: string, run: FixtureRunWithIncidents): void {
  const reports = msgtraceReports(run);
  expect(reports).toEqual([...new Set(reports)]);
  if (part.startsWith('sampler')) expect(run.notes).toContain('sampler');
  if (part === 'propagator') expect(run.notes).toContain('propagator inject');
  if (part === 'propagator-extract') expect(run.notes).toContain('propagator extract');
  if (part.startsWith('span processor')) {
    const method = part.endsWith('onStart') ? 'onStart' : 'onEnd';
    expect(run.processorThrows[method]).toBeGreaterThan(0);
  }
  if (part.startsWith('exporter')) {
    // The exporter was handed spans and never took them (or refused them): the batch queue in
    // front of it held at its limit and dropped the rest, with the SDK's own warning.
    expect(run.notes.some((note) => note.startsWith('exporter export'))).toBe(true);
    const queued = Number(run.notes.find((n) => n.startsWith('exporter queue '))?.slice(15));
    expect(queued).toBeLessThanOrEqual(BROKEN_EXPORTER_QUEUE.maxQueueSize);
    expect(reports).toEqual([]);
  } else {
    // What threw inside msgtrace's calls was caught there and reported.
    expect(reports.length).toBeGreaterThan(0);
  }
}

describe.each(Object.keys(WORKLOADS))('%s under a broken telemetry pipeline', (broker) => {
  let bare: WorkloadRun | undefined;
  it.each(BROKEN)(
    '$part: the same messages, no exception, each failure reported once',
    async ({ part, env }) => {
      bare ??= await run(broker, 'bare', {});
      const instrumented = await run(broker, 'instrumented', env);
      compareRuns(`${broker}: telemetry pipeline broken (${part})`, bare, instrumented, {
        spansExpected: part !== 'sampler' && part !== 'span processor onStart',
      });
      const [only] = instrumented.finished;
      if (only) provesBreakage(part, only);
    },
  );
});
