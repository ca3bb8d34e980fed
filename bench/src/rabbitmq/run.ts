/**
 * RabbitMQ publish + consume overhead: bare amqplib vs msgtrace vs @opentelemetry/instrumentation-
 * amqplib, on DESIGN.md's anchor workload (20 000 messages of 256 B). `pnpm bench:rabbitmq`.
 */
import { join } from 'node:path';
import { exitWhenDone, freshName, runOverheadBench } from '../shared/overhead.js';

const count = Number(process.env.COUNT ?? 20_000);

exitWhenDone(
  runOverheadBench({
    title: `amqplib publish + consume (ack), ${count} × 256 B messages per run`,
    bare: 'bare amqplib',
    workload: join(__dirname, 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-amqplib/register'),
    contrib: join(__dirname, 'contrib-preload.cjs'),
    rounds: Number(process.env.ROUNDS ?? 5),
    count,
    env: () => ({ QUEUE: freshName() }),
  }),
);
