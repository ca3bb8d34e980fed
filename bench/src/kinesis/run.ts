/**
 * Kinesis put + get overhead: bare @aws-sdk/client-kinesis vs msgtrace vs
 * @opentelemetry/instrumentation-aws-sdk (spans only, no propagation), against kinesalite; then
 * the body carrier's splice and strip against parse-and-stringify. `pnpm bench:kinesis`.
 */
import { join } from 'node:path';
import { contextCarrier } from '@msgtrace/core';
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { markdownTable } from '../harness.js';
import { exitWhenDone, freshName, runOverheadBench } from '../shared/overhead.js';
import { kinesisBodyRows } from './body-bench.js';

const count = Number(process.env.COUNT ?? 5_000);

function bodyTable(): string {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const carrier = contextCarrier(
    trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    }),
  );
  return markdownTable(
    ['record', 'operation', 'time/op', 'vs parse + stringify'],
    kinesisBodyRows(carrier),
  );
}

exitWhenDone(
  (async () => {
    await runOverheadBench({
      title: `client-kinesis PutRecords (batches of 100) + GetRecords, ${count} × 256 B JSON records per run`,
      bare: 'bare client-kinesis',
      workload: join(__dirname, 'workload.cjs'),
      msgtrace: require.resolve('@msgtrace/instrumentation-aws-kinesis/register'),
      contrib: join(__dirname, 'contrib-preload.cjs'),
      rounds: Number(process.env.ROUNDS ?? 5),
      count,
      env: () => ({ STREAM: freshName() }),
    });
    console.log(`\nJSON-body carrier, same run (median of 7 rounds per case)\n`);
    console.log(bodyTable());
  })(),
);
