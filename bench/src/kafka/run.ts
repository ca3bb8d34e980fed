/**
 * Kafka produce + consume overhead: bare kafkajs vs msgtrace vs @opentelemetry/instrumentation-
 * kafkajs on the same workload. `pnpm bench:kafka` (ROUNDS, COUNT to change the size).
 */
import { join } from 'node:path';
import { exitWhenDone, freshName, runOverheadBench } from '../shared/overhead.js';

const count = Number(process.env.COUNT ?? 4000);

exitWhenDone(
  runOverheadBench({
    title: `kafkajs produce + consume, ${count} × 256 B messages per run`,
    bare: 'bare kafkajs',
    workload: join(__dirname, 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-kafkajs/register'),
    contrib: join(__dirname, 'contrib-preload.cjs'),
    rounds: Number(process.env.ROUNDS ?? 7),
    count,
    env: () => ({ TOPIC: freshName(), KAFKAJS_NO_PARTITIONER_WARNING: '1' }),
  }),
);
