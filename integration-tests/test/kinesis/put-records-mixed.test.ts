import { describe, expect, it } from '@jest/globals';
import { decodePathway } from '@msgtrace/core';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { BINARY_BODY } from '../../src/clients';
import { bytesOf, instrumentKinesis } from '../../src/kinesis';

const { telemetry, instrumentation, sdk, client, freshStream, readAll, readRaw } =
  instrumentKinesis();

const LIMIT = 1_048_576;
const KEY = 'boundary-key';

/** A JSON object of exactly `bytes` bytes. */
function jsonOfSize(bytes: number): Buffer {
  const shell = '{"pad":""}';
  return Buffer.from(`{"pad":"${'x'.repeat(bytes - shell.length)}"}`);
}

interface Case {
  data: Uint8Array | string;
  /** Whether it is a JSON object that fits with context: only these carry it. */
  object: boolean;
  key: string;
}

function mixedRecords(): Case[] {
  const cases: Case[] = [];
  for (let i = 0; i < 98; i++) {
    const key = `k-${i % 7}`;
    switch (i % 7) {
      case 0:
        cases.push({ data: Buffer.from(`{"i":${i},"v":"x"}`), object: true, key });
        break;
      case 1:
        cases.push({
          data: Buffer.from(`  {\n  "i" : ${i} , "n": 9007199254740993 }\n`),
          object: true,
          key,
        });
        break;
      case 2:
        cases.push({ data: `{"as":"string input","i":${i}}`, object: true, key });
        break;
      case 3:
        cases.push({ data: Buffer.from(`[${i},{"a":1}]`), object: false, key });
        break;
      case 4:
        cases.push({ data: Buffer.from(`plain text record ${i}`), object: false, key });
        break;
      case 5:
        cases.push({ data: Buffer.concat([BINARY_BODY, Buffer.from([i])]), object: false, key });
        break;
      default:
        // Shaped like an object, but not UTF-8 inside.
        cases.push({
          data: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, i, 0x7d]),
          object: false,
          key,
        });
    }
  }
  // Exactly at the limit with its partition key: context would push it over, so none.
  cases.push({ data: jsonOfSize(LIMIT - KEY.length), object: false, key: KEY });
  // Well within it: carries context like any small object.
  cases.push({ data: jsonOfSize(LIMIT - KEY.length - 200), object: true, key: KEY });
  return cases;
}

const asBuffer = (data: Uint8Array | string) => Buffer.from(data as Uint8Array);

/**
 * The record as it should be on the wire: our member spliced in after the opening brace, with the
 * pathway after the trace context when there is one.
 */
function spliced(original: Buffer, traceparent: string, pathway: string | undefined): Buffer {
  const brace = original.indexOf('{');
  const member = pathway
    ? `"_msgtrace":{"traceparent":"${traceparent}","msgtrace-pw":"${pathway}"},`
    : `"_msgtrace":{"traceparent":"${traceparent}"},`;
  return Buffer.concat([
    original.subarray(0, brace + 1),
    Buffer.from(member),
    original.subarray(brace + 1),
  ]);
}

describe('PutRecords of 100 mixed records', () => {
  it('puts context into the JSON objects only, and every record arrives with its own bytes', async () => {
    await putMixed('put-records-mixed', false);
  });

  it('with pipelines turned on, puts one pathway for the whole batch after the trace context', async () => {
    const before = instrumentation.getConfig();
    instrumentation.setConfig({ ...before, pipelines: { enabled: true } });
    try {
      await putMixed('put-records-mixed-pw', true);
    } finally {
      instrumentation.setConfig(before);
    }
  });
});

async function putMixed(name: string, pipelines: boolean): Promise<void> {
  const stream = await freshStream(name);
  const cases = mixedRecords();
  // The SDK types Data as Uint8Array; its serializer takes strings too, as users pass them.
  const Records = cases.map((c) =>
    Object.freeze({ Data: c.data as Uint8Array, PartitionKey: c.key }),
  );
  const input = Object.freeze({
    StreamName: stream,
    Records: Object.freeze(Records) as typeof Records,
  });
  const put = await client.send(new sdk.PutRecordsCommand(input));
  expect(put.FailedRecordCount).toBe(0);
  expect(input.Records.map((r) => r.Data)).toEqual(cases.map((c) => c.data));

  const originals = cases.map((c) => asBuffer(c.data));
  const delivered = await readAll(stream);
  expect(delivered).toHaveLength(100);
  delivered.forEach((record, i) => {
    expect(Buffer.from(record.Data ?? []).equals(originals[i] as Buffer)).toBe(true);
  });

  const send = onlySpan(telemetry.spans(), `send ${stream}`);
  const traceparent = `00-${send.traceId}-${send.spanId}-01`;
  const onWire = bytesOf(await readRaw(stream));
  // With pipelines on, one pathway for the whole batch, after the trace context
  // (docs/pipelines.md); by default (off), none.
  const pathway = /"msgtrace-pw":"([^"]+)"/.exec(onWire.join('\n'))?.[1];
  if (pipelines) expect(decodePathway(pathway)?.hops).toBe(1);
  else expect(pathway).toBeUndefined();
  onWire.forEach((raw, i) => {
    const c = cases[i] as Case;
    const expected = c.object
      ? spliced(originals[i] as Buffer, traceparent, pathway)
      : originals[i];
    expect(raw.equals(expected as Buffer)).toBe(true);
  });

  const carrying = cases.flatMap((c, i) => (c.object ? [i] : []));
  assertSpan(send, {
    kind: SpanKind.PRODUCER,
    parent: null,
    attributes: {
      'messaging.batch.message_count': 100,
      'msgtrace.kinesis.context_injected': carrying.length,
      'msgtrace.kinesis.failed_record_count': 0,
      'messaging.destination.partition.id': undefined,
      'messaging.message.id': undefined,
    },
  });
  const receives = telemetry.spans().filter((s) => s.name === `receive ${stream}`);
  // The first read was instrumented; the bare read made no span.
  expect(receives).toHaveLength(1);
  assertSpan(receives[0] as (typeof receives)[0], {
    kind: SpanKind.CLIENT,
    attributes: { 'messaging.batch.message_count': 100 },
    links: carrying.map((i) => ({
      to: send,
      attributes: {
        'messaging.message.id': put.Records?.[i]?.SequenceNumber as string,
        'messaging.destination.partition.id': 'shardId-000000000000',
      },
    })),
  });
}
