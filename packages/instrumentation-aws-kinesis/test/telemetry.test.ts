import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodePathway } from '@msgtrace/core';
import { callThroughMiddleware, setupTestTelemetry } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AwsKinesisInstrumentation } from '../src/instrumentation';
import { processLambdaRecord } from '../src/lambda';
import { kinesisMiddleware } from '../src/patches/middleware';
import { processRecord } from '../src/process-record';
import type { KinesisRecord } from '../src/types';

/**
 * A put, the iterator chain and a read driven through the middleware with answers of our making,
 * then the per-record helpers: the spans, the bytes each side sees, and the metrics. The
 * kinesalite suites cover the real client.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const instrumentation = new AwsKinesisInstrumentation();
const StreamName = 'clicks';

const call = (commandName: string, input: object, answer: object | Error) =>
  callThroughMiddleware(
    kinesisMiddleware(instrumentation.telemetry, () => true),
    commandName,
    { input },
    answer,
    new URL('http://127.0.0.1:4567'),
  );

async function putOne(body: string): Promise<{ Data: Buffer; spanId: string | undefined }> {
  const { sent } = await call(
    'PutRecordCommand',
    { StreamName, PartitionKey: 'k', Data: Buffer.from(body) },
    { ShardId: 'shardId-000000000000', SequenceNumber: '49' },
  );
  const spanId = telemetry.spans().at(-1)?.spanId;
  return { Data: (sent.input as { Data: Buffer }).Data, spanId };
}

describe('put and read', () => {
  it('puts a copy with context in the body, and hands readers the exact bytes put', async () => {
    const body = '{ "n": 12345678901234567890 }';
    const put = await putOne(body);
    expect(put.Data.toString()).toMatch(/^\{"_msgtrace":\{"traceparent":/);
    const [send] = telemetry.spans();
    expect(send).toMatchObject({ name: `send ${StreamName}`, kind: SpanKind.PRODUCER });
    expect(send?.attributes).toMatchObject({
      'msgtrace.kinesis.context_injected': 1,
      'server.address': '127.0.0.1',
      'messaging.destination.partition.id': 'shardId-000000000000',
    });
    telemetry.reset();

    await call(
      'GetShardIteratorCommand',
      { StreamName, ShardId: 'shardId-000000000000' },
      {
        ShardIterator: 'it-1',
      },
    );
    const record = {
      Data: put.Data,
      SequenceNumber: '49',
      PartitionKey: 'k',
      ApproximateArrivalTimestamp: new Date(),
    };
    const { result } = await call(
      'GetRecordsCommand',
      { ShardIterator: 'it-1' },
      {
        Records: [record],
        NextShardIterator: 'it-2',
        MillisBehindLatest: 0,
      },
    );
    const [delivered] = (result as { output: { Records: KinesisRecord[] } }).output.Records;
    expect(Buffer.from(delivered?.Data as Uint8Array).toString()).toBe(body);
    expect(record.Data).toBe(put.Data);
    const [receive] = telemetry.spans();
    expect(receive).toMatchObject({ name: `receive ${StreamName}`, kind: SpanKind.CLIENT });
    expect(receive?.links.map((l) => l.context.spanId)).toEqual([put.spanId]);
    telemetry.reset();

    const seen = processRecord(delivered as KinesisRecord, (data, span) => [
      Buffer.from(data as Uint8Array).toString(),
      span?.spanContext().spanId,
    ]);
    const [process] = telemetry.spans();
    expect(seen).toEqual([body, process?.spanId]);
    expect(process?.parentSpanId).toBe(put.spanId);
    expect(process?.attributes['messaging.destination.partition.id']).toBe('shardId-000000000000');
  });

  it('reads a record no instrumented GetRecords returned without changing it', async () => {
    const put = await putOne('{"a":1}');
    telemetry.reset();
    const record: KinesisRecord = { Data: put.Data, SequenceNumber: '1', PartitionKey: 'k' };
    const data = processRecord(record, (d) => Buffer.from(d as Uint8Array).toString(), {
      streamName: StreamName,
    });
    expect(data).toBe('{"a":1}');
    expect(record.Data).toBe(put.Data);
    expect(telemetry.spans()[0]?.parentSpanId).toBe(put.spanId);
  });

  it('records a failed GetRecords as a receive span of no records', async () => {
    const error = Object.assign(new Error('expired'), { name: 'ExpiredIteratorException' });
    const { result } = await call('GetRecordsCommand', { ShardIterator: 'unknown' }, error);
    expect(result).toBe(error);
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('ExpiredIteratorException');
  });

  it('leaves bodies alone where injection is off', async () => {
    instrumentation.setConfig({ injectContext: false });
    try {
      const put = await putOne('{"a":1}');
      expect(put.Data.toString()).toBe('{"a":1}');
      expect(telemetry.spans()[0]?.attributes['msgtrace.kinesis.context_skipped']).toBe('disabled');
    } finally {
      instrumentation.setConfig({});
    }
  });
});

describe('Lambda records', () => {
  it('decodes, strips, parents on the producer, and counts the record as consumed', async () => {
    const put = await putOne('{"a":1}');
    telemetry.reset();
    const result = processLambdaRecord(
      {
        eventID: 'shardId-000000000003:49',
        eventSourceARN: `arn:aws:kinesis:eu-west-1:123456789012:stream/${StreamName}`,
        kinesis: {
          data: put.Data.toString('base64'),
          partitionKey: 'k',
          sequenceNumber: '49',
          approximateArrivalTimestamp: Date.now() / 1000 - 1,
        },
      } as never,
      (data) => data.toString(),
    );
    expect(result).toBe('{"a":1}');
    expect(telemetry.spans()[0]?.parentSpanId).toBe(put.spanId);
    const consumed = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.client.consumed.messages',
    );
    expect(consumed?.dataPoints.length).toBeGreaterThan(0);
  });
});

describe('disabled', () => {
  it('runs the helpers’ work with the stripped data and no span', async () => {
    const put = await putOne('{"a":1}');
    telemetry.reset();
    instrumentation.disable();
    try {
      const seen = processRecord({ Data: put.Data }, (data, span) => [
        Buffer.from(data as Uint8Array).toString(),
        span,
      ]);
      expect(seen).toEqual(['{"a":1}', undefined]);
      expect(telemetry.spans()).toEqual([]);
    } finally {
      instrumentation.enable();
    }
  });
});

describe('pathways, by default (off)', () => {
  it('puts no pathway member, and strips an incoming one with the context: readers get the bytes put', async () => {
    const put = await putOne('{"a":1}');
    const member = JSON.parse(put.Data.toString())._msgtrace;
    expect(typeof member.traceparent).toBe('string');
    expect(member).not.toHaveProperty('msgtrace-pw');
    telemetry.reset();

    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const carried = `{"_msgtrace":{"traceparent":"${traceparent}","msgtrace-pw":"9f86d081884c7d65.2.mx2w2s2m"},"a":1}`;
    await call(
      'GetShardIteratorCommand',
      { StreamName, ShardId: 'shardId-000000000000' },
      {
        ShardIterator: 'it-off',
      },
    );
    const { result } = await call(
      'GetRecordsCommand',
      { ShardIterator: 'it-off' },
      {
        Records: [{ Data: Buffer.from(carried), SequenceNumber: '7', PartitionKey: 'k' }],
        NextShardIterator: 'it-off-2',
        MillisBehindLatest: 0,
      },
    );
    const [delivered] = (result as { output: { Records: KinesisRecord[] } }).output.Records;
    expect(Buffer.from(delivered?.Data as Uint8Array).toString()).toBe('{"a":1}');
    const next = await processRecord(delivered as KinesisRecord, () => putOne('{"b":2}'));
    expect(JSON.parse(next.Data.toString())._msgtrace).not.toHaveProperty('msgtrace-pw');
    const names = (await telemetry.collectMetrics()).map((m) => m.name);
    expect(names.filter((name) => name.startsWith('msgtrace.pathway'))).toEqual([]);
  });
});

describe('pathways, turned on', () => {
  const pathwayIn = (data: Buffer) =>
    decodePathway(JSON.parse(data.toString())._msgtrace?.['msgtrace-pw']);
  beforeAll(() => instrumentation.setConfig({ pipelines: { enabled: true } }));
  afterAll(() => instrumentation.setConfig({}));

  it('counts only records whose body carries the pathway; processRecord continues it', async () => {
    const { sent } = await call(
      'PutRecordsCommand',
      {
        StreamName: 'pw-stream',
        Records: [
          { PartitionKey: 'k', Data: Buffer.from('{"a":1}') },
          { PartitionKey: 'k', Data: Buffer.from('plain text') },
        ],
      },
      { Records: [{ SequenceNumber: '1' }, { SequenceNumber: '2' }], FailedRecordCount: 0 },
    );
    const [json, text] = (sent.input as { Records: { Data: Buffer }[] }).Records;
    const pathway = json ? pathwayIn(json.Data) : undefined;
    expect(pathway?.hops).toBe(1);
    expect(text?.Data.toString()).toBe('plain text');
    const produced = (await telemetry.collectMetrics())
      .find((m) => m.name === 'msgtrace.pathway.produced')
      ?.dataPoints.filter((p) => p.attributes['messaging.destination.name'] === 'pw-stream');
    expect(produced?.map((p) => p.value)).toEqual([1]);

    const record: KinesisRecord = { SequenceNumber: '1', PartitionKey: 'k', Data: json?.Data };
    const next = await processRecord(record, () => putOne('{"b":2}'));
    expect(pathwayIn(next.Data)).toMatchObject({ hops: 2, startMs: pathway?.startMs });
  });
});
