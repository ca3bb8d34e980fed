import type { _Record } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from '@jest/globals';
import {
  type LambdaKinesisRecord,
  processLambdaRecord,
} from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import { instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, instrumentation, freshStream, readRaw } = instrumentKinesis();

/** The event Lambda's Kinesis event source mapping hands a handler, from records as stored. */
function lambdaEvent(stream: string, shardId: string, records: readonly _Record[]) {
  return {
    Records: records.map(
      (r): LambdaKinesisRecord => ({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: r.PartitionKey as string,
          sequenceNumber: r.SequenceNumber as string,
          data: Buffer.from(r.Data ?? []).toString('base64'),
          approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp as Date).getTime() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${r.SequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
        awsRegion: 'us-east-1',
        eventSourceARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${stream}`,
      }),
    ),
  };
}

describe('processLambdaRecord on an event of the real shape', () => {
  it('decodes, strips, and runs each record under a process span child of its producer', async () => {
    const stream = await freshStream('lambda');
    const originals = [Buffer.from('{ "n": 1 }'), Buffer.from('not json')];
    const put = await client.send(
      new sdk.PutRecordsCommand({
        StreamName: stream,
        Records: originals.map((Data) => ({ Data, PartitionKey: 'p' })),
      }),
    );
    // What Lambda reads is what is stored: with our member in it.
    const stored = await readRaw(stream);
    const event = lambdaEvent(stream, 'shardId-000000000000', stored);

    const seen: Buffer[] = [];
    for (const record of event.Records) {
      await processLambdaRecord(record, async (data) => {
        trace.getTracer('test').startSpan('handler work').end();
        seen.push(data);
      });
    }
    expect(seen).toEqual(originals);

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${stream}`);
    const processes = spans.filter((s) => s.name === `process ${stream}`);
    expect(processes).toHaveLength(2);
    assertSpan(processes[0] as (typeof processes)[0], {
      kind: SpanKind.CONSUMER,
      parent: send,
      attributes: {
        'messaging.system': 'aws_kinesis',
        'messaging.destination.name': stream,
        'aws.kinesis.stream_name': stream,
        'messaging.destination.partition.id': 'shardId-000000000000',
        'messaging.message.id': put.Records?.[0]?.SequenceNumber as string,
        'messaging.message.body.size': originals[0]?.byteLength as number,
      },
    });
    // Plain text carried no context: a root span.
    assertSpan(processes[1] as (typeof processes)[0], { parent: null, links: [] });
    const work = spans.filter((s) => s.name === 'handler work');
    expect(work.map((w) => w.parentSpanId)).toEqual(processes.map((p) => p.spanId));

    // Link mode: the producer is a link, the Lambda's own context the parent.
    instrumentation.setConfig({ propagationMode: 'link' });
    telemetry.reset();
    await trace.getTracer('test').startActiveSpan('lambda invocation', async (span) => {
      await processLambdaRecord(event.Records[0] as LambdaKinesisRecord, () => undefined);
      span.end();
    });
    const linked = onlySpan(telemetry.spans(), `process ${stream}`);
    const parent = telemetry.spans().find((s) => s.spanId === linked.parentSpanId);
    expect(parent?.name).toBe('lambda invocation');
    assertSpan(linked, {
      links: [
        {
          to: send,
          attributes: {
            'messaging.message.id': put.Records?.[0]?.SequenceNumber as string,
            'messaging.destination.partition.id': 'shardId-000000000000',
          },
        },
      ],
    });
    instrumentation.setConfig({});
  });

  it('never throws on a malformed record, and hands the work empty data', () => {
    const seen = processLambdaRecord({ kinesis: {} } as LambdaKinesisRecord, (data) => data);
    expect(seen).toEqual(Buffer.alloc(0));
  });
});
