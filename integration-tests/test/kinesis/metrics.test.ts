import { describe, expect, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, freshStream, readAll } = instrumentKinesis();

describe('Kinesis metrics', () => {
  it('counts sent and consumed records, times calls and processing, and ages records', async () => {
    const stream = await freshStream('metrics');
    const Records = [1, 2, 3].map((n) => ({ Data: Buffer.from(`{"n":${n}}`), PartitionKey: 'p' }));
    await client.send(new sdk.PutRecordsCommand({ StreamName: stream, Records }));
    await client.send(
      new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: Buffer.from('x') }),
    );
    const records = await readAll(stream);
    for (const record of records) processRecord(record, () => undefined);

    const byName = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    const points = (name: string) =>
      byName
        .get(name)
        ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === stream) ?? [];
    expect(points('messaging.client.sent.messages').map((p) => p.value)).toEqual([4]);
    expect(
      points('messaging.client.consumed.messages').map((p) => [
        p.attributes['messaging.operation.name'],
        p.attributes['messaging.destination.partition.id'],
        p.value,
      ]),
    ).toEqual([['receive', 'shardId-000000000000', 4]]);
    const durations = points('messaging.client.operation.duration').map(
      (p) =>
        [p.attributes['messaging.operation.name'], (p.value as { count: number }).count] as const,
    );
    expect(durations).toEqual(
      expect.arrayContaining([
        ['send', 2],
        ['receive', 1],
      ]),
    );
    expect(
      (points('messaging.process.duration')[0]?.value as { count: number } | undefined)?.count,
    ).toBe(4);
    const age = points('msgtrace.messaging.message.age')[0]?.value as {
      count: number;
      sum: number;
    };
    expect(age.count).toBe(4);
    expect(age.sum).toBeGreaterThanOrEqual(0);
    expect(age.sum).toBeLessThan(60);
  });
});
