import { up } from '@msgtrace/brokers';
import { overheadTable } from './report.js';
import { type RunResult, runWorkload, SDK_PRELOAD, shuffled, type Variant } from './variants.js';

/** One broker's overhead benchmark: the workload, and the instrumentations compared on it. */
export interface OverheadBench {
  title: string;
  /** The variant name of the uninstrumented client, e.g. `bare kafkajs`. */
  bare: string;
  workload: string;
  /** The msgtrace register entry and the anchor's preload. */
  msgtrace: string;
  contrib: string;
  rounds: number;
  count: number;
  /** Environment of one run (a fresh topic or queue name, say). */
  env(): NodeJS.ProcessEnv;
}

/**
 * Runs every variant — bare, SDK only, msgtrace and the anchor, sampled and always-off — each in
 * a fresh process, interleaved over rounds, and prints the table. A benchmark, never a test.
 */
export async function runOverheadBench(bench: OverheadBench): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const off = { BENCH_SAMPLER: 'always_off' };
  const variants: Variant[] = [
    { name: bench.bare, require: [] },
    // The SDK alone (context manager, span processor, no instrumentation): what any traced
    // application pays before an instrumentation adds anything.
    { name: 'SDK only', require: [SDK_PRELOAD] },
    { name: 'msgtrace, sampled', require: [SDK_PRELOAD, bench.msgtrace] },
    { name: 'contrib, sampled', require: [SDK_PRELOAD, bench.contrib] },
    { name: 'msgtrace, always_off', require: [SDK_PRELOAD, bench.msgtrace], env: off },
    { name: 'contrib, always_off', require: [SDK_PRELOAD, bench.contrib], env: off },
  ];
  await up();
  const results = new Map<string, RunResult[]>();
  for (let round = 0; round < bench.rounds; round++) {
    for (const variant of shuffled(variants, round)) {
      const result = await runWorkload(bench.workload, variant, {
        ...bench.env(),
        COUNT: String(bench.count),
      });
      results.set(variant.name, [...(results.get(variant.name) ?? []), result]);
      process.stderr.write(
        `round ${round + 1}/${bench.rounds} ${variant.name}: ${(result.cpuMicros / result.count).toFixed(1)} µs/msg\n`,
      );
    }
  }
  console.log(`\n${bench.title}, median of ${bench.rounds} rounds, Node ${process.version}\n`);
  console.log(
    overheadTable(variants, results, bench.bare, 'SDK only', [
      ['msgtrace, sampled', 'contrib, sampled'],
      ['msgtrace, always_off', 'contrib, always_off'],
    ]),
  );
}

/** A name no earlier run used. */
export function freshName(): string {
  return `bench-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function exitWhenDone(run: Promise<void>): void {
  run.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
