import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs();

describe('SQS metrics', () => {
  it('counts sent and received messages, times operations and processing, ages messages from SentTimestamp', async () => {
    const url = await queue('metrics');
    const name = queueName(url);
    const sqs = client();
    await sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }));
    await sqs.send(
      new sdk.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: '1', MessageBody: 'b' },
          { Id: '2', MessageBody: 'c' },
        ],
      }),
    );
    const received = [];
    while (received.length < 3) {
      const { Messages = [] } = await sqs.send(
        new sdk.ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 5,
        }),
      );
      received.push(...Messages);
    }
    // SentTimestamp was asked for the age only: the app did not ask and does not see it.
    expect(received.map((m) => m.Attributes)).toEqual([undefined, undefined, undefined]);
    for (const message of received) processMessage(message, () => undefined);

    const byName = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    const points = (metric: string) =>
      byName
        .get(metric)
        ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === name) ?? [];
    expect(
      points('messaging.client.sent.messages').map((p) => [
        p.attributes['messaging.operation.name'],
        p.value,
      ]),
    ).toEqual([['send', 3]]);
    expect(points('messaging.client.consumed.messages').map((p) => p.value)).toEqual([3]);
    const durations = points('messaging.client.operation.duration').map((p) => [
      p.attributes['messaging.operation.name'],
      (p.value as { count: number }).count,
    ]);
    expect(durations).toEqual(
      expect.arrayContaining([
        ['send', 2],
        ['receive', expect.any(Number)],
      ]),
    );
    const process = points('messaging.process.duration')[0]?.value as { count: number };
    expect(process.count).toBe(3);
    const age = points('msgtrace.messaging.message.age')[0]?.value as {
      count: number;
      sum: number;
    };
    // Aged once, when received, from SQS's own SentTimestamp.
    expect(age.count).toBe(3);
    expect(age.sum).toBeGreaterThanOrEqual(0);
    expect(age.sum).toBeLessThan(60);
  });
});
