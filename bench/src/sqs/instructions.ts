/** `pnpm bench:sqs:instructions`: the SQS workload's cost per message in instructions. */
import { join } from 'node:path';
import { runInstructionBench } from '../shared/instructions.js';
import { exitWhenDone, freshName } from '../shared/overhead.js';

exitWhenDone(
  runInstructionBench({
    title: 'client-sqs SendMessageBatch + ReceiveMessage + DeleteMessageBatch, 256 B messages',
    bare: 'bare client-sqs',
    workload: join(__dirname, 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-aws-sqs/register'),
    contrib: join(__dirname, 'contrib-preload.cjs'),
    count: Number(process.env.COUNT ?? 2_000),
    env: () => ({ QUEUE: freshName(), WARMUP: process.env.WARMUP ?? '500' }),
  }),
);
