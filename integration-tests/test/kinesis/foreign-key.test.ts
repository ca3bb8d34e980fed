import { describe, expect, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { bytesOf, FOREIGN_TRACEPARENT, instrumentKinesis } from '../../src/kinesis';

const { telemetry, instrumentation, bare, freshStream, readAll } = instrumentKinesis();

const FOREIGN = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
// What dd-trace writes: its own headers plus W3C traceparent, as the last member here.
const DATADOG = Buffer.from(
  `{"order":7,\n "_datadog":{"x-datadog-trace-id":"123","x-datadog-sampling-priority":1,"traceparent":"${FOREIGN_TRACEPARENT}"}}`,
);

describe("a record carrying another tracer's key", () => {
  it('is linked to that context and reaches the application with the key left in place', async () => {
    const stream = await freshStream('foreign-key');
    await bare.client.send(
      new bare.sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: DATADOG }),
    );
    const records = await readAll(stream);
    expect(bytesOf(records)).toEqual([DATADOG]);
    assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), {
      links: [
        {
          to: FOREIGN,
          attributes: { 'messaging.message.id': records[0]?.SequenceNumber as string },
        },
      ],
    });
    processRecord(records[0] as object, () => undefined);
    assertSpan(onlySpan(telemetry.spans(), `process ${stream}`), { parent: FOREIGN });
  });

  it('is stripped too when configured, leaving valid JSON', async () => {
    instrumentation.setConfig({ stripForeignBodyKeys: true });
    try {
      const stream = await freshStream('foreign-key-strip');
      await bare.client.send(
        new bare.sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data: DATADOG }),
      );
      const delivered = bytesOf(await readAll(stream));
      expect(delivered).toEqual([Buffer.from('{"order":7}')]);
      assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), { links: [{ to: FOREIGN }] });
    } finally {
      instrumentation.setConfig({});
    }
  });
});
