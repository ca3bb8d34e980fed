/**
 * SQS send + receive overhead: bare @aws-sdk/client-sqs vs msgtrace vs
 * @opentelemetry/instrumentation-aws-sdk, against ElasticMQ. `pnpm bench:sqs`.
 */
import { join } from 'node:path';
import { exitWhenDone, freshName, runOverheadBench } from '../shared/overhead.js';

const count = Number(process.env.COUNT ?? 2_000);

exitWhenDone(
  runOverheadBench({
    title: `client-sqs SendMessageBatch + ReceiveMessage + DeleteMessageBatch, ${count} × 256 B messages per run, batches of 10`,
    bare: 'bare client-sqs',
    workload: join(__dirname, 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-aws-sqs/register'),
    contrib: join(__dirname, 'contrib-preload.cjs'),
    rounds: Number(process.env.ROUNDS ?? 5),
    count,
    env: () => ({ QUEUE: freshName() }),
  }),
);
