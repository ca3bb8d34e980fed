import { describe, expect, it } from '@jest/globals';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { BINARY_BODY } from '../../src/clients';
import { bytesOf, FOREIGN_TRACEPARENT, instrumentKinesis } from '../../src/kinesis';

const { telemetry, bare, freshStream, readAll } = instrumentKinesis();

const HOSTILE: Record<string, Buffer> = {
  string: Buffer.from(`{"_msgtrace":"${FOREIGN_TRACEPARENT}","a":1}`),
  number: Buffer.from('{"_msgtrace":12345678901234567890,"a":1}'),
  null: Buffer.from('{"_msgtrace":null,"a":1}'),
  array: Buffer.from(`{"_msgtrace":["${FOREIGN_TRACEPARENT}"],"a":1}`),
  'non-string value': Buffer.from('{"_msgtrace":{"traceparent":7},"a":1}'),
  nested: Buffer.from(
    `{"_msgtrace":{"traceparent":{"traceparent":"${FOREIGN_TRACEPARENT}"}},"a":1}`,
  ),
  'deeply nested': Buffer.from(`{"_msgtrace":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)},"a":1}`),
  huge: Buffer.from(`{"_msgtrace":{"traceparent":"${'0'.repeat(200_000)}"},"a":1}`),
  'with spaces': Buffer.from(`{"_msgtrace": {"traceparent": "${FOREIGN_TRACEPARENT}"},"a":1}`),
  truncated: Buffer.from(`{"_msgtrace":{"traceparent":"${FOREIGN_TRACEPARENT}`),
  'unterminated object': Buffer.from(`{"_msgtrace":{"traceparent":"${FOREIGN_TRACEPARENT}"},"a":1`),
  'trailing comma': Buffer.from(`{"_msgtrace":{"traceparent":"${FOREIGN_TRACEPARENT}"},}`),
  'invalid escape': Buffer.from('{"_msgtrace":{"traceparent":"\\x00"},"a":1}'),
  'binary inside': Buffer.concat([
    Buffer.from('{"_msgtrace":{"traceparent":"'),
    BINARY_BODY,
    Buffer.from('"},"a":1}'),
  ]),
  binary: Buffer.concat([BINARY_BODY, Buffer.from('{"_msgtrace":{}}')]),
  'not json': Buffer.from('_msgtrace: {traceparent: x}'),
  'key inside a string': Buffer.from(
    `{"note":"\\"_msgtrace\\":{\\"traceparent\\":\\"${FOREIGN_TRACEPARENT}\\"}"}`,
  ),
};

describe('hostile values under the key, from a producer msgtrace does not control', () => {
  it('give no context and reach the application byte for byte, without an exception', async () => {
    const stream = await freshStream('hostile-values');
    const originals = Object.values(HOSTILE);
    for (const Data of originals) {
      await bare.client.send(
        new bare.sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }),
      );
    }
    const records = await readAll(stream);
    const delivered = bytesOf(records);
    Object.keys(HOSTILE).forEach((name, i) => {
      expect([name, delivered[i]?.equals(originals[i] as Buffer)]).toEqual([name, true]);
    });
    assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), {
      parent: null,
      links: [],
      attributes: { 'messaging.batch.message_count': originals.length },
    });

    // processRecord gives each a root span, and the same bytes.
    for (const record of records) {
      const seen = processRecord(record, (data) => Buffer.from(data ?? []));
      expect(seen.equals(Buffer.from(record.Data ?? []))).toBe(true);
    }
    const processes = telemetry.spans().filter((s) => s.name === `process ${stream}`);
    expect(processes).toHaveLength(originals.length);
    for (const span of processes) assertSpan(span, { parent: null, links: [] });
  });

  it('a member of exactly our shape whose context is garbage is still ours: stripped, no link', async () => {
    const stream = await freshStream('hostile-shape');
    const Data = Buffer.from('{"_msgtrace":{"traceparent":"00-garbage-01"},"a":1}');
    await bare.client.send(
      new bare.sdk.PutRecordCommand({ StreamName: stream, PartitionKey: 'p', Data }),
    );
    expect(bytesOf(await readAll(stream))).toEqual([Buffer.from('{"a":1}')]);
    assertSpan(onlySpan(telemetry.spans(), `receive ${stream}`), { links: [] });
  });
});
