import { afterAll, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { SpanStatusCode } from '@opentelemetry/api';
import { AwsKinesisInstrumentation } from '../src/instrumentation';
import { type Handler, type HandlerArgs, kinesisMiddleware } from '../src/patches/middleware';

/**
 * The middleware driven directly with answers kinesalite never gives (partial PutRecords
 * failures): what it sends on and what its spans record. The broker suites cover the rest.
 */
const telemetry = setupTestTelemetry();
const instrumentation = new AwsKinesisInstrumentation({ enabled: false });
afterAll(() => telemetry.shutdown());

function call(commandName: string, input: object, output: object) {
  const sent: HandlerArgs[] = [];
  const next: Handler = async (args) => {
    sent.push(args);
    return { output };
  };
  const handler = kinesisMiddleware(instrumentation.telemetry, () => true)(next, {
    commandName,
    endpointV2: { url: new URL('https://kinesis.eu-west-1.amazonaws.com') },
  });
  return { sent, result: handler({ input }) };
}

describe('PutRecords with failed records', () => {
  it('records the failures on the span without failing it, and never touches the caller’s input', async () => {
    const Records = Object.freeze([
      Object.freeze({ Data: Buffer.from('{"a":1}'), PartitionKey: 'p' }),
      Object.freeze({ Data: Buffer.from('{"a":2}'), PartitionKey: 'p' }),
      Object.freeze({ Data: Buffer.from('{"a":3}'), PartitionKey: 'p' }),
    ]);
    const input = Object.freeze({
      StreamARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders',
      Records,
    });
    const { sent, result } = call('PutRecordsCommand', input, {
      $metadata: { requestId: 'req-1' },
      FailedRecordCount: 2,
      Records: [
        { ShardId: 'shardId-000000000001', SequenceNumber: '1' },
        { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded' },
        { ErrorCode: 'InternalFailure', ErrorMessage: 'oops' },
      ],
    });
    await result;
    expect(input.Records.map((r) => r.Data.toString())).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    const sentRecords =
      (sent[0]?.input as { Records: { Data: Buffer }[] } | undefined)?.Records ?? [];
    expect(
      sentRecords.map((r) => r.Data.toString().startsWith('{"_msgtrace":{"traceparent":')),
    ).toEqual([true, true, true]);
    const [span] = telemetry.spans();
    expect(span?.name).toBe('send orders');
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(span?.attributes).toMatchObject({
      'aws.kinesis.stream_name': 'orders',
      'messaging.batch.message_count': 3,
      'msgtrace.kinesis.failed_record_count': 2,
      'aws.request_id': 'req-1',
      'server.address': 'kinesis.eu-west-1.amazonaws.com',
      'server.port': 443,
    });
    expect(span?.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        'msgtrace.kinesis.record_failed',
        {
          'msgtrace.kinesis.record.index': 1,
          'error.type': 'ProvisionedThroughputExceededException',
          'exception.message': 'Rate exceeded',
        },
      ],
      [
        'msgtrace.kinesis.record_failed',
        {
          'msgtrace.kinesis.record.index': 2,
          'error.type': 'InternalFailure',
          'exception.message': 'oops',
        },
      ],
    ]);
    const sentMetric = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.client.sent.messages',
    );
    expect(
      sentMetric?.dataPoints.map((p) => [p.attributes['error.type'] ?? null, p.value]),
    ).toEqual([
      [null, 1],
      ['ProvisionedThroughputExceededException', 1],
      ['InternalFailure', 1],
    ]);
  });

  it('passes other commands and a disabled instrumentation straight through', async () => {
    telemetry.reset();
    const input = { StreamName: 's' };
    const { sent } = call('DescribeStreamCommand', input, {});
    expect(sent[0]?.input).toBe(input);
    const next: Handler = async (args) => ({ output: args });
    const off = kinesisMiddleware(instrumentation.telemetry, () => false)(next, {
      commandName: 'PutRecordCommand',
    });
    const record = { StreamName: 's', PartitionKey: 'p', Data: Buffer.from('{}') };
    const { output } = await off({ input: record });
    expect((output as HandlerArgs).input).toBe(record);
    expect(telemetry.spans()).toEqual([]);
  });
});
