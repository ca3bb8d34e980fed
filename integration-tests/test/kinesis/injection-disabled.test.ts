import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { bytesOf, instrumentKinesis } from '../../src/kinesis';

// Firehose-like streams get no context; everything else does.
const { telemetry, sdk, client, instrumentation, freshStream, readRaw } = instrumentKinesis({
  injectContext: ({ streamName }) => !streamName?.startsWith('lake-'),
});

const Data = Buffer.from('{"event":"signup"}');

describe('injection turned off', () => {
  it('per stream: records go out as written, the send span is still made', async () => {
    const lake = await freshStream('lake-events');
    const orders = await freshStream('orders');
    for (const StreamName of [lake, orders]) {
      await client.send(new sdk.PutRecordCommand({ StreamName, PartitionKey: 'p', Data }));
      await client.send(
        new sdk.PutRecordsCommand({ StreamName, Records: [{ Data, PartitionKey: 'p' }] }),
      );
    }
    expect(bytesOf(await readRaw(lake))).toEqual([Data, Data]);
    const wire = bytesOf(await readRaw(orders));
    expect(wire.map((b) => b.toString().startsWith('{"_msgtrace":'))).toEqual([true, true]);

    const lakeSends = telemetry.spans().filter((s) => s.name === `send ${lake}`);
    expect(lakeSends).toHaveLength(2);
    assertSpan(lakeSends[0] as (typeof lakeSends)[0], {
      kind: SpanKind.PRODUCER,
      attributes: {
        'msgtrace.kinesis.context_injected': 0,
        'msgtrace.kinesis.context_skipped': 'disabled',
      },
    });
    assertSpan(lakeSends[1] as (typeof lakeSends)[0], {
      attributes: { 'msgtrace.kinesis.context_injected': 0, 'messaging.batch.message_count': 1 },
    });
  });

  it('globally', async () => {
    instrumentation.setConfig({ injectContext: false });
    const stream = await freshStream('orders-off');
    await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
    expect(bytesOf(await readRaw(stream))).toEqual([Data]);
    assertSpan(onlySpan(telemetry.spans(), `send ${stream}`), {
      attributes: { 'msgtrace.kinesis.context_skipped': 'disabled' },
    });
  });
});
