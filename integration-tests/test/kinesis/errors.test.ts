import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, freshStream } = instrumentKinesis();

describe('failing calls', () => {
  it('a put to a missing stream fails as it would, and its send span says why', async () => {
    const stream = 'no-such-stream-msgtrace';
    const error = await client
      .send(
        new sdk.PutRecordCommand({
          StreamName: stream,
          PartitionKey: 'p',
          Data: Buffer.from('{}'),
        }),
      )
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('ResourceNotFoundException');
    assertSpan(onlySpan(telemetry.spans(), `send ${stream}`), {
      kind: SpanKind.PRODUCER,
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': 'ResourceNotFoundException' },
    });
  });

  it('a GetRecords with a bad iterator fails as it would, with a receive span', async () => {
    await freshStream('errors');
    const error = await client
      .send(new sdk.GetRecordsCommand({ ShardIterator: 'garbage' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const receive = onlySpan(telemetry.spans(), 'receive');
    assertSpan(receive, {
      kind: SpanKind.CLIENT,
      status: SpanStatusCode.ERROR,
      links: [],
      attributes: {
        'error.type': (error as Error).name,
        'messaging.batch.message_count': undefined,
      },
    });
  });

  it('a StreamARN-addressed put is named after the stream in the ARN', async () => {
    // kinesalite does not resolve ARNs, so the call fails; the span is still named right.
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/arn-addressed';
    await client
      .send(
        new sdk.PutRecordCommand({ StreamARN: arn, PartitionKey: 'p', Data: Buffer.from('{}') }),
      )
      .catch(() => undefined);
    assertSpan(onlySpan(telemetry.spans(), 'send arn-addressed'), {
      attributes: { 'aws.kinesis.stream_name': 'arn-addressed' },
    });
  });
});
