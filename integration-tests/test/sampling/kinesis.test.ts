import { describe, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { SpanKind } from '@opentelemetry/api';
import { instrumentKinesis } from '../../src/kinesis';
import {
  expectDownstreamSamplingKeepsLinkedSets,
  expectHeadSamplingKeepsLinkedSets,
  type Pipeline,
} from '../../src/linked-sampling';

const { telemetry, sdk, client, freshStream } = instrumentKinesis({ propagationMode: 'link' });

/**
 * Each record put by its own PutRecord from the root context (its own trace), then read ten at a
 * time: every GetRecords span links to what it returned, and each record is processed with
 * processRecord, a link-mode `process` span of its own.
 */
const putGetProcess: Pipeline = async (count) => {
  const StreamName = await freshStream('sampling');
  for (let i = 0; i < count; i++) {
    await client.send(
      new sdk.PutRecordCommand({
        StreamName,
        PartitionKey: 'k',
        Data: Buffer.from(JSON.stringify({ n: i })),
      }),
    );
  }
  let { ShardIterator } = await client.send(
    new sdk.GetShardIteratorCommand({
      StreamName,
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  let consumed = 0;
  for (let empty = 0; consumed < count && empty < 5 && ShardIterator; ) {
    const page = await client.send(new sdk.GetRecordsCommand({ ShardIterator, Limit: 10 }));
    const records = page.Records ?? [];
    if (records.length === 0) empty += 1;
    for (const record of records) {
      await processRecord(record, () => undefined);
      consumed += 1;
    }
    ShardIterator = page.NextShardIterator;
  }
  return {
    spans: telemetry.readableSpans(),
    consumed,
    isProducer: (s) => s.name === `send ${StreamName}`,
    consumers: [
      { label: 'GetRecords', shape: 'batch', is: (s) => s.name === `receive ${StreamName}` },
      {
        label: 'processRecord',
        shape: 'per-message',
        is: (s) => s.name === `process ${StreamName}` && s.kind === SpanKind.CONSUMER,
      },
    ],
  };
};

describe('Kinesis link mode under the link-aware sampler', () => {
  it('head sampling keeps every GetRecords and process span with a kept producer, and every kept producer with them', async () => {
    await expectHeadSamplingKeepsLinkedSets('Kinesis', telemetry, putGetProcess);
  });

  it('a consistent downstream sampler keeps linked sets together', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('Kinesis', telemetry, putGetProcess);
  });
});
