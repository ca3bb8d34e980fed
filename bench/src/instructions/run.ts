/**
 * `pnpm bench:instructions [kafka|rabbitmq|sqs|kinesis|summary]`: each broker's realistic workload in
 * instructions per message under callgrind — bare client, SDK only, and the hand-written floor,
 * msgtrace and the contrib instrumentation under each sampler — with the ratios from the same
 * run. COUNT sets the messages per run (default per broker, see brokers.ts); PROFILE_DIR keeps
 * each run's callgrind output for `callgrind_annotate`; JOBS runs that many variants side by side
 * (default: one per core); `summary` prints the cross-broker table
 * from the last run of each broker. A benchmark, never a test.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { up } from '@msgtrace/brokers';
import { exitWhenDone } from '../shared/overhead.js';
import { SDK_PRELOAD, type Variant } from '../shared/variants.js';
import { BROKERS, type BrokerWorkload } from './brokers.js';
import { measuredInstructions } from './callgrind.js';
import { callgrindMeter } from './meter-build.js';
import {
  type BrokerResult,
  brokerReport,
  crossBrokerTable,
  INSTRUMENTED,
  type Instrumented,
  SAMPLERS,
  type Sampler,
  withCurrentVariants,
} from './report.js';

function preloads(bench: BrokerWorkload, who: Instrumented): Pick<Variant, 'require' | 'env'> {
  if (who === 'floor') return { require: [SDK_PRELOAD], env: { BENCH_FLOOR: '1' } };
  if (who === 'contrib')
    return { require: [SDK_PRELOAD, ...(bench.contrib ? [bench.contrib] : [])] };
  // `msgtrace` is the default (pipelines off: the variable empty, as if unset, whatever the
  // caller's environment says); `msgtrace-pw` turns them on.
  const pipelines = who === 'msgtrace-pw' ? 'true' : '';
  return { require: [SDK_PRELOAD, bench.msgtrace], env: { MSGTRACE_PIPELINES: pipelines } };
}

/** Runs `tasks` with at most `jobs` at a time, in order of start; results in task order. */
async function pooled<T>(tasks: readonly (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

async function runBroker(
  bench: BrokerWorkload,
  meter: string,
  jobs: number,
): Promise<BrokerResult> {
  const count = Number(process.env.COUNT ?? bench.defaultCount);
  const profileDir = process.env.PROFILE_DIR
    ? join(process.env.PROFILE_DIR, bench.broker)
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const perMessage = (variant: Variant) => async (): Promise<number> => {
    const env = { ...bench.env(), COUNT: String(count), BENCH_METER: meter };
    const measured = await measuredInstructions(
      bench.workload,
      variant,
      env,
      profileDir,
      bench.mainThreadOnly,
    );
    const value = measured / count;
    process.stderr.write(
      `${bench.broker} ${variant.name}: ${(value / 1000).toFixed(1)} k instructions/msg\n`,
    );
    return value;
  };
  const compared = INSTRUMENTED.filter((who) => who !== 'contrib' || bench.contrib);
  const instrumentedVariants = compared.flatMap((who) =>
    SAMPLERS.map((sampler) => {
      const { require, env } = preloads(bench, who);
      return {
        who,
        sampler,
        variant: { name: `${who}, ${sampler}`, require, env: { ...env, BENCH_SAMPLER: sampler } },
      };
    }),
  );
  // SDK only twice: the instrumented runs are compared with the mean of the two, and their
  // difference shows how far this workload's count drifts between identical runs. Counts do not
  // depend on what else the machine runs, so variants run side by side (JOBS at a time).
  const [bare, sdk, sdkAgain, ...counts] = await pooled(
    [
      perMessage({ name: bench.bare, require: [] }),
      perMessage({ name: 'SDK only', require: [SDK_PRELOAD] }),
      perMessage({ name: 'SDK only (again)', require: [SDK_PRELOAD] }),
      ...instrumentedVariants.map(({ variant }) => perMessage(variant)),
    ],
    jobs,
  );
  const instrumented: BrokerResult['instrumented'] = {};
  instrumentedVariants.forEach(({ who, sampler }, i) => {
    instrumented[who] ??= {} as Record<Sampler, number>;
    instrumented[who][sampler] = counts[i] as number;
  });
  return {
    broker: bench.broker,
    count,
    bare: bare as number,
    sdk: ((sdk as number) + (sdkAgain as number)) / 2,
    sdkRuns: [sdk as number, sdkAgain as number],
    instrumented,
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const wanted = process.argv[2];
  const reports = join(__dirname, '..', '..', 'reports');
  if (wanted === 'summary') {
    // The cross-broker table from the last run of each broker (reports/instructions-*.json).
    const results = BROKERS.flatMap((b) => {
      const file = join(reports, `instructions-${b.broker}.json`);
      return existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as BrokerResult[]).map(withCurrentVariants)
        : [];
    });
    console.log(crossBrokerTable(results));
    return;
  }
  const benches = wanted ? BROKERS.filter((b) => b.broker === wanted) : BROKERS;
  if (benches.length === 0) {
    throw new Error(`unknown broker ${wanted}: one of ${BROKERS.map((b) => b.broker).join(', ')}`);
  }
  const meter = callgrindMeter();
  const jobs = Number(process.env.JOBS ?? availableParallelism());
  await up();
  const results: BrokerResult[] = [];
  for (const bench of benches) {
    const result = await runBroker(bench, meter, jobs);
    results.push(result);
    console.log(`\n${brokerReport(bench, result)}\n`);
  }
  if (results.length > 1) console.log(`${crossBrokerTable(results)}\n`);
  mkdirSync(reports, { recursive: true });
  writeFileSync(
    join(reports, `instructions-${wanted ?? 'all'}.json`),
    JSON.stringify(results, null, 2),
  );
}

exitWhenDone(main());
