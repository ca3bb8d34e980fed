/**
 * RabbitMQ publish + consume overhead: bare amqplib vs msgtrace vs @opentelemetry/instrumentation-
 * amqplib, each in a fresh process, interleaved over rounds, in one run (DESIGN.md's anchor
 * workload: 20 000 messages of 256 B). `pnpm bench:rabbitmq`. A benchmark, never a test.
 */
import { join } from 'node:path';
import { up } from '@msgtrace/brokers';
import { overheadTable } from '../shared/report.js';
import {
  type RunResult,
  runWorkload,
  SDK_PRELOAD,
  shuffled,
  type Variant,
} from '../shared/variants.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const COUNT = Number(process.env.COUNT ?? 20_000);
const MSGTRACE = require.resolve('@msgtrace/instrumentation-amqplib/register');
const CONTRIB = join(__dirname, 'contrib-preload.cjs');

const variants: Variant[] = [
  { name: 'bare amqplib', require: [] },
  { name: 'SDK only', require: [SDK_PRELOAD] },
  { name: 'msgtrace, sampled', require: [SDK_PRELOAD, MSGTRACE] },
  { name: 'contrib, sampled', require: [SDK_PRELOAD, CONTRIB] },
  {
    name: 'msgtrace, always_off',
    require: [SDK_PRELOAD, MSGTRACE],
    env: { BENCH_SAMPLER: 'always_off' },
  },
  {
    name: 'contrib, always_off',
    require: [SDK_PRELOAD, CONTRIB],
    env: { BENCH_SAMPLER: 'always_off' },
  },
];

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  await up();
  const results = new Map<string, RunResult[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of shuffled(variants, round)) {
      const queue = `bench-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const result = await runWorkload(join(__dirname, 'workload.cjs'), variant, {
        QUEUE: queue,
        COUNT: String(COUNT),
      });
      results.set(variant.name, [...(results.get(variant.name) ?? []), result]);
      process.stderr.write(
        `round ${round + 1}/${ROUNDS} ${variant.name}: ${(result.cpuMicros / result.count).toFixed(1)} µs/msg\n`,
      );
    }
  }
  console.log(
    `\namqplib publish + consume (ack), ${COUNT} × 256 B messages per run, median of ${ROUNDS} rounds, Node ${process.version}\n`,
  );
  console.log(
    overheadTable(variants, results, 'bare amqplib', 'SDK only', [
      ['msgtrace, sampled', 'contrib, sampled'],
      ['msgtrace, always_off', 'contrib, always_off'],
    ]),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
