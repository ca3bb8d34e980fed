import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { BINARY_BODY, kinesisClient } from '../src/clients';

describe('kinesis smoke (bare @aws-sdk/client-kinesis against kinesalite)', () => {
  const kinesis = kinesisClient();
  const StreamName = uniqueName('smoke');

  afterAll(async () => {
    await kinesis.send(new DeleteStreamCommand({ StreamName })).catch(() => undefined);
    kinesis.destroy();
  });

  it('round-trips the exact record bytes through a fresh stream', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
    for (;;) {
      const { StreamDescriptionSummary } = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName }),
      );
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const json = Buffer.from('{ "big": 1152921504606846976,\n  "a": [1, 2] }');
    const records = [json, BINARY_BODY];
    const puts = [];
    for (const Data of records) {
      puts.push(await kinesis.send(new PutRecordCommand({ StreamName, PartitionKey: 'p', Data })));
    }
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName,
        ShardId: puts[0]?.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));

    expect(Records.map((r) => Buffer.from(r.Data ?? []))).toEqual(records);
    expect(Records.map((r) => r.SequenceNumber)).toEqual(puts.map((p) => p.SequenceNumber));
    expect(Records[0]?.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
  });
});
