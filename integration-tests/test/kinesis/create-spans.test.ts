import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, freshStream, readAll } = instrumentKinesis({
  createSpanPerMessage: true,
});

describe('createSpanPerMessage', () => {
  it('gives each record of a PutRecords its own create span, linked from send, placed by the answer', async () => {
    const stream = await freshStream('create-spans');
    const Records = ['{"n":1}', '{"n":2}', 'text'].map((s) => ({
      Data: Buffer.from(s),
      PartitionKey: 'p',
    }));
    const put = await client.send(new sdk.PutRecordsCommand({ StreamName: stream, Records }));
    const spans = telemetry.spans();
    const creates = spans.filter((s) => s.name === `create ${stream}`);
    expect(creates).toHaveLength(3);
    const send = onlySpan(spans, `send ${stream}`);
    assertSpan(send, {
      kind: SpanKind.PRODUCER,
      links: creates.map((c) => ({ to: c })),
      attributes: { 'messaging.batch.message_count': 3, 'msgtrace.kinesis.context_injected': 2 },
    });
    creates.forEach((create, i) => {
      assertSpan(create, {
        kind: SpanKind.PRODUCER,
        parent: null,
        attributes: {
          'messaging.operation.type': 'create',
          'messaging.message.id': put.Records?.[i]?.SequenceNumber as string,
          'messaging.destination.partition.id': 'shardId-000000000000',
        },
      });
    });
    await readAll(stream);
    // Each JSON record links to its own create span.
    assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), {
      links: [{ to: creates[0] as (typeof creates)[0] }, { to: creates[1] as (typeof creates)[0] }],
    });
  });
});
