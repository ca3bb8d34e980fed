import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, runFixture, spansNamed } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue, instrumentation } = instrumentSqs();
const REGISTER = '@msgtrace/instrumentation-aws-sqs/register';

/** One poll of an empty queue that does not wait. */
async function pollEmpty(url: string): Promise<number> {
  const { Messages = [] } = await client().send(
    new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 0 }),
  );
  return Messages.length;
}

async function receiveDurations(name: string): Promise<number> {
  const metrics = await telemetry.collectMetrics();
  const duration = metrics.find((m) => m.name === 'messaging.client.operation.duration');
  const point = duration?.dataPoints.find(
    (p) =>
      p.attributes['messaging.destination.name'] === name &&
      p.attributes['messaging.operation.name'] === 'receive',
  );
  return (point?.value as { count: number } | undefined)?.count ?? 0;
}

describe('SQS receives that return no messages', () => {
  it('make no receive span by default, but are timed in the operation-duration metric', async () => {
    const url = await queue('empty-poll');
    const name = queueName(url);
    expect(await pollEmpty(url)).toBe(0);
    expect(await pollEmpty(url)).toBe(0);
    expect(spansNamed(telemetry.spans(), `receive ${name}`)).toEqual([]);
    expect(await receiveDurations(name)).toBe(2);

    // A poll that brings a message still has its span, linked to the message's producer.
    await client().send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const { Messages = [] } = await client().send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    expect(Messages).toHaveLength(1);
    const send = onlySpan(telemetry.spans(), `send ${name}`);
    assertSpan(onlySpan(telemetry.spans(), `receive ${name}`), { links: [{ to: send }] });
    expect(await receiveDurations(name)).toBe(3);
  });

  it('keep their span with traceEmptyReceives', async () => {
    const config = instrumentation.getConfig();
    instrumentation.setConfig({ ...config, traceEmptyReceives: true });
    try {
      const url = await queue('empty-poll-kept');
      const name = queueName(url);
      expect(await pollEmpty(url)).toBe(0);
      assertSpan(onlySpan(telemetry.spans(), `receive ${name}`), {
        kind: SpanKind.CLIENT,
        links: [],
        attributes: { 'messaging.batch.message_count': 0 },
      });
      expect(await receiveDurations(name)).toBe(1);
    } finally {
      instrumentation.setConfig(config);
    }
  });

  it('keep their span in a real process with MSGTRACE_SQS_TRACE_EMPTY_RECEIVES=true', async () => {
    const fixture = join(__dirname, 'fixtures', 'receive-empty.cjs');
    for (const [value, spans] of [
      [undefined, 0],
      ['true', 1],
    ] as const) {
      const url = await queue('empty-poll-env');
      const result = await runFixture(fixture, {
        require: [REGISTER],
        env: {
          QUEUE_URL: url,
          ...(value ? { MSGTRACE_SQS_TRACE_EMPTY_RECEIVES: value } : {}),
        },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ received: 0 });
      expect(spansNamed(result.spans, `receive ${queueName(url)}`)).toHaveLength(spans);
    }
  });
});
