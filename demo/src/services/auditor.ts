/**
 * auditor (CommonJS): reads the audit stream from Kinesis (one `receive` span per GetRecords,
 * linked to its records) and stores each event inside `processRecord`. Its destination is in
 * MSGTRACE_LINK_DESTINATIONS, so each record's span starts a trace of its own and links back to
 * the checkout that wrote it, instead of joining the checkout's trace.
 */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-kinesis';
import { processRecord } from '@msgtrace/instrumentation-aws-kinesis';
import { trace } from '@opentelemetry/api';
import { kinesis, names, orderCount } from './config.js';

const tracer = trace.getTracer('demo-auditor');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const stream = kinesis();
  const { StreamDescription } = await stream.send(
    new DescribeStreamCommand({ StreamName: names.audit }),
  );
  const ShardId = StreamDescription?.Shards?.[0]?.ShardId;
  let { ShardIterator } = await stream.send(
    new GetShardIteratorCommand({
      StreamName: names.audit,
      ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  let handled = 0;
  while (handled < orderCount && ShardIterator) {
    const answer = await stream.send(new GetRecordsCommand({ ShardIterator, Limit: 100 }));
    for (const record of answer.Records ?? []) {
      await processRecord(record, async (data) => {
        const event = JSON.parse(Buffer.from(data ?? new Uint8Array()).toString()) as {
          order: string;
        };
        tracer.startSpan(`store audit entry ${event.order}`).end();
      });
      handled++;
    }
    ShardIterator = answer.NextShardIterator;
    if (handled < orderCount) await sleep(250);
  }
  stream.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
