import { describe, expect, it } from '@jest/globals';
import { bytesOf, instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, instrumentation, freshStream, readAll } = instrumentKinesis();

describe('disable()', () => {
  it('restores send, and clients that already have the middleware pass straight through', async () => {
    const stream = await freshStream('disable');
    const Data = Buffer.from('{"a":1}');
    await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
    expect(Object.hasOwn(sdk.KinesisClient.prototype, 'send')).toBe(true);

    instrumentation.disable();
    expect(Object.hasOwn(sdk.KinesisClient.prototype, 'send')).toBe(false);
    telemetry.reset();
    await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
    const raw = bytesOf(await readAll(stream));
    // The first record carries context and, uninstrumented, is read as stored; the second none.
    expect(raw[0]?.toString()).toMatch(/^\{"_msgtrace":/);
    expect(raw[1]).toEqual(Data);
    expect(telemetry.spans()).toEqual([]);

    // Enabled again: the same client is instrumented again, through the new patch.
    instrumentation.enable();
    instrumentation.instrumentModule('@aws-sdk/client-kinesis', sdk);
    expect(bytesOf(await readAll(stream))).toEqual([Data, Data]);
    expect(telemetry.spans().map((s) => s.name)).toEqual([`receive ${stream}`]);
  });
});
