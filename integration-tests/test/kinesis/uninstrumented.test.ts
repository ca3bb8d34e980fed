import { describe, expect, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { bytesOf, instrumentKinesis } from '../../src/kinesis';

const { telemetry, sdk, client, bare, freshStream, readAll, readRaw } = instrumentKinesis();

describe('an uninstrumented producer', () => {
  it('makes records the consumer receives unchanged, with a root receive span and no links', async () => {
    const stream = await freshStream('uninstrumented-producer');
    const Data = Buffer.from('{"plain":true}');
    await bare.client.send(
      new bare.sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }),
    );
    const records = await readAll(stream);
    expect(bytesOf(records)).toEqual([Data]);
    expect(telemetry.spans().filter((s) => s.name === `send ${stream}`)).toHaveLength(0);
    assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), {
      kind: SpanKind.CLIENT,
      parent: null,
      links: [],
      attributes: { 'messaging.batch.message_count': 1 },
    });
    processRecord(records[0] as object, () => undefined);
    assertSpan(onlySpan(telemetry.spans(), `process ${stream}`), { parent: null, links: [] });
  });

  it('and an uninstrumented reader of an instrumented producer: processRecord strips for it', async () => {
    const stream = await freshStream('uninstrumented-reader');
    const Data = Buffer.from('{"x":1}');
    await client.send(new sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }));
    const [raw] = await readRaw(stream);
    const wire = Buffer.from(raw?.Data ?? []);
    // The trace context only: no pathway member, pipelines are opt-in.
    expect(wire.toString()).toMatch(
      /^\{"_msgtrace":\{"traceparent":"00-[0-9a-f]{32}-[0-9a-f]{16}-01"\},"x":1\}$/,
    );
    const seen = processRecord(raw as object, (data) => Buffer.from(data ?? []), {
      streamName: stream,
    });
    expect(seen).toEqual(Data);
    // The caller's record object is not touched.
    expect(Buffer.from(raw?.Data ?? [])).toEqual(wire);
    const send = onlySpan(telemetry.spans(), `send ${stream}`);
    assertSpan(onlySpan(telemetry.spans(), `process ${stream}`), { parent: send });
  });
});
