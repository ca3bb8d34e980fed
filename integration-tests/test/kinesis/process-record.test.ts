import { describe, expect, it } from '@jest/globals';
import { carryContext, runInCarriedContext } from '@msgtrace/core';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { assertSpan, childrenOf, onlySpan } from '@msgtrace/test-utils';
import { context, trace } from '@opentelemetry/api';
import { instrumentKinesis } from '../../src/kinesis';

// Link mode for streams named audit-*, child mode elsewhere.
const { telemetry, sdk, client, freshStream, readAll } = instrumentKinesis({
  propagationMode: ({ destination }) => (destination.startsWith('audit-') ? 'link' : 'child'),
});
const tracer = trace.getTracer('test');

async function putThree(stream: string) {
  for (const n of [1, 2, 3]) {
    await client.send(
      new sdk.PutRecordCommand({
        StreamName: stream,
        PartitionKey: `p${n}`,
        Data: Buffer.from(`{"n":${n}}`),
      }),
    );
  }
  return telemetry.spans().filter((s) => s.name === `send ${stream}`);
}

describe('processRecord over the records of one GetRecords', () => {
  it('child mode: each record’s work continues its producer’s trace, across await and Promise.all', async () => {
    const stream = await freshStream('orders-child');
    const sends = await putThree(stream);
    const records = await readAll(stream);
    const carried: Record<string, string>[] = [];
    await Promise.all(
      records.map((record) =>
        processRecord(record, async (data) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          tracer.startSpan(`work ${Buffer.from(data ?? []).toString()}`).end();
          carried.push(carryContext());
        }),
      ),
    );
    const spans = telemetry.spans();
    const processes = spans.filter((s) => s.name === `process ${stream}`);
    expect(processes).toHaveLength(3);
    sends.forEach((send, i) => {
      const [process] = childrenOf(spans, send);
      assertSpan(process as (typeof processes)[0], {
        name: `process ${stream}`,
        links: [],
        attributes: { 'messaging.message.id': records[i]?.SequenceNumber as string },
      });
      const work = onlySpan(spans, `work {"n":${i + 1}}`);
      assertSpan(work, { parent: process as (typeof processes)[0] });
    });
    // What a worker thread would resume from: the record's process span.
    runInCarriedContext(carried[0], () => tracer.startSpan('in a worker').end());
    const inWorker = onlySpan(telemetry.spans(), 'in a worker');
    expect(processes.map((p) => p.spanId)).toContain(inWorker.parentSpanId);
  });

  it('link mode: the consumer’s span is the parent, the producer a link with sequence number and shard', async () => {
    const stream = await freshStream('audit-events');
    const sends = await putThree(stream);
    const records = await readAll(stream);
    await tracer.startActiveSpan('batch job', async (job) => {
      for (const record of records)
        processRecord(record, () => expect(context.active()).toBeDefined());
      job.end();
    });
    const spans = telemetry.spans();
    const job = onlySpan(spans, 'batch job');
    const processes = spans.filter((s) => s.name === `process ${stream}`);
    processes.forEach((process, i) => {
      assertSpan(process, {
        parent: job,
        links: [
          {
            to: sends[i] as (typeof sends)[0],
            attributes: {
              'messaging.message.id': records[i]?.SequenceNumber as string,
              'messaging.destination.partition.id': 'shardId-000000000000',
            },
          },
        ],
      });
    });
  });

  it('a throwing handler marks the span and the error reaches the caller unchanged', async () => {
    const stream = await freshStream('orders-throw');
    await putThree(stream);
    const [record] = await readAll(stream);
    const boom = new TypeError('bad record');
    expect(() =>
      processRecord(record as object, () => {
        throw boom;
      }),
    ).toThrow(boom);
    await expect(processRecord(record as object, async () => Promise.reject(boom))).rejects.toBe(
      boom,
    );
    const failed = telemetry.spans().filter((s) => s.name === `process ${stream}`);
    expect(failed.map((s) => [s.status.code, s.attributes['error.type']])).toEqual([
      [2, 'TypeError'],
      [2, 'TypeError'],
    ]);
  });
});
