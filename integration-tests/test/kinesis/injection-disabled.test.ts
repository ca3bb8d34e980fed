import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import {
  bareKinesisSdk,
  bytesOf,
  freshStream,
  instrumentKinesis,
  kinesisClientOf,
  readAll,
} from '../../src/kinesis';

// Firehose-like streams get no context; everything else does.
const { telemetry, sdk, client, instrumentation } = instrumentKinesis({
  injectContext: ({ streamName }) => !streamName?.startsWith('lake-'),
});
const bare = bareKinesisSdk();
const bareClient = kinesisClientOf(bare);

const Data = Buffer.from('{"event":"signup"}');

describe('injection turned off', () => {
  it('per stream: records go out as written, the send span is still made', async () => {
    const lake = await freshStream(sdk, client, 'lake-events');
    const orders = await freshStream(sdk, client, 'orders');
    for (const StreamName of [lake, orders]) {
      await client.send(new sdk.PutRecordCommand({ StreamName, PartitionKey: 'p', Data }));
      await client.send(
        new sdk.PutRecordsCommand({ StreamName, Records: [{ Data, PartitionKey: 'p' }] }),
      );
    }
    expect(bytesOf(await readAll(bare, bareClient, lake))).toEqual([Data, Data]);
    const wire = bytesOf(await readAll(bare, bareClient, orders));
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
    try {
      const stream = await freshStream(sdk, client, 'orders-off');
      await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
      expect(bytesOf(await readAll(bare, bareClient, stream))).toEqual([Data]);
      assertSpan(onlySpan(telemetry.spans(), `send ${stream}`), {
        attributes: { 'msgtrace.kinesis.context_skipped': 'disabled' },
      });
    } finally {
      bareClient.destroy();
    }
  });
});
