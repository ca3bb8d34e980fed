import { describe, expect, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import { bytesOf, instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, freshStream, readAll } = instrumentKinesis();

// Whitespace, a key order JSON.parse would keep but a re-serializer might not, unicode, and an
// integer JSON.parse would round (2^60 + 1).
const ORIGINAL = Buffer.from(
  '{\n  "zeta": 1,\n  "big": 1152921504606846977,\t"alpha" : [ 1,2 ],\n  "text": "caf\u00e9 \\u00e9"\n}\n',
);

describe('PutRecord of a JSON object, then GetRecords', () => {
  it('gives the application the exact bytes put, links receive to send, and parents process', async () => {
    const stream = await freshStream('round-trip');
    const input = Object.freeze({ StreamName: stream, PartitionKey: 'order-1', Data: ORIGINAL });
    const put = await client.send(new sdk.PutRecordCommand(input));
    expect(input.Data).toBe(ORIGINAL);

    const requested = Date.now();
    const records = await readAll(stream, put.ShardId);
    expect(bytesOf(records)).toEqual([ORIGINAL]);
    expect(records[0]?.Data).toBeInstanceOf(Uint8Array);

    const seen = await processRecord(records[0] as object, async (data) => {
      trace.getTracer('test').startSpan('handler work').end();
      return Buffer.from(data ?? []);
    });
    expect(seen).toEqual(ORIGINAL);

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${stream}`);
    assertSpan(send, {
      kind: SpanKind.PRODUCER,
      parent: null,
      attributes: {
        'messaging.system': 'aws_kinesis',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': stream,
        'aws.kinesis.stream_name': stream,
        'messaging.destination.partition.id': put.ShardId as string,
        'messaging.message.id': put.SequenceNumber as string,
        'messaging.message.body.size': ORIGINAL.byteLength,
        'messaging.batch.message_count': undefined,
        'msgtrace.kinesis.context_injected': 1,
        'msgtrace.kinesis.partition_key': undefined,
        'server.address': '127.0.0.1',
        'server.port': 4567,
      },
    });
    const receive = onlySpan(spans, `receive ${stream}`);
    assertSpan(receive, {
      kind: SpanKind.CLIENT,
      parent: null,
      links: [
        {
          to: send,
          attributes: {
            'messaging.message.id': put.SequenceNumber as string,
            'messaging.destination.partition.id': put.ShardId as string,
          },
        },
      ],
      attributes: {
        'messaging.system': 'aws_kinesis',
        'messaging.operation.type': 'receive',
        'messaging.destination.name': stream,
        'aws.kinesis.stream_name': stream,
        'messaging.destination.partition.id': put.ShardId as string,
        'messaging.batch.message_count': 1,
      },
    });
    // Made when the answer arrived, started when the request left.
    const startMs = receive.startTime[0] * 1000 + receive.startTime[1] / 1e6;
    expect(startMs).toBeGreaterThanOrEqual(requested - 5);
    const process = onlySpan(spans, `process ${stream}`);
    assertSpan(process, {
      kind: SpanKind.CONSUMER,
      parent: send,
      links: [],
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.destination.partition.id': put.ShardId as string,
        'messaging.message.id': put.SequenceNumber as string,
        'messaging.message.body.size': ORIGINAL.byteLength,
      },
    });
    assertSpan(onlySpan(spans, 'handler work'), { parent: process });
  });
});
