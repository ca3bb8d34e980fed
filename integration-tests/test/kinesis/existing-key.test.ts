import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { bytesOf, FOREIGN_TRACEPARENT, instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, freshStream, readAll, readRaw } = instrumentKinesis();

describe('a record that already has the key', () => {
  it('is sent unchanged; a member of our shape is read and stripped, any other left alone', async () => {
    const stream = await freshStream('existing-key');
    // Forwarded as read raw from an upstream stream: our member, with the upstream's context.
    const forwarded = Buffer.from(`{"_msgtrace":{"traceparent":"${FOREIGN_TRACEPARENT}"},"a":1}`);
    // The key as application data, not in our position.
    const appOwned = Buffer.from('{"a":1,"_msgtrace":"mine"}');
    const Records = [forwarded, appOwned].map((Data) => ({ Data, PartitionKey: 'p' }));
    await client.send(new sdk.PutRecordsCommand({ StreamName: stream, Records }));

    expect(bytesOf(await readRaw(stream))).toEqual([forwarded, appOwned]);
    const send = onlySpan(telemetry.spans(), `send ${stream}`);
    assertSpan(send, { attributes: { 'msgtrace.kinesis.context_injected': 0 } });

    const delivered = bytesOf(await readAll(stream));
    expect(delivered).toEqual([Buffer.from('{"a":1}'), appOwned]);
    const receive = onlySpan(telemetry.spans(), `receive ${stream}`);
    assertSpan(receive, {
      links: [
        {
          to: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' },
          attributes: { 'messaging.destination.partition.id': 'shardId-000000000000' },
        },
      ],
    });
  });

  it('reports why a single record went out without context', async () => {
    const stream = await freshStream('existing-key-single');
    const Data = Buffer.from('{"b":2,"_msgtrace":{}}');
    await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
    assertSpan(onlySpan(telemetry.spans(), `send ${stream}`), {
      attributes: {
        'msgtrace.kinesis.context_injected': 0,
        'msgtrace.kinesis.context_skipped': 'already-carries-key',
      },
    });
    expect(bytesOf(await readAll(stream))).toEqual([Data]);
  });
});
