import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { up } from '@msgtrace/brokers';
import { SDK_PRELOAD } from '../shared/variants.js';
import { BROKERS } from './brokers.js';
import { measuredInstructions } from './callgrind.js';
import { callgrindMeter } from './meter-build.js';

/**
 * What the pathway carrier costs per message (docs/pipelines.md): msgtrace on one broker's
 * workload (`bench:instructions`'s), sampled and always_off, with pipelines turned on
 * (`MSGTRACE_PIPELINES=true`) and as installed (off, the default), in callgrind instructions per
 * message over the SDK alone. The
 * workloads' SDK has no MeterProvider, as most production SDKs for traces: this is the carrier
 * (writing, reading, the context key), not the metric recording.
 *
 *   pnpm bench:pipelines rabbitmq        (COUNT sets the messages per run)
 *
 * PROFILE_DIR keeps each run's callgrind output (per function, for `callgrind_annotate`); ONLY
 * picks the samplers (`always_on`, `always_off`, comma-separated) to profile just one pair.
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const bench = BROKERS.find((b) => b.broker === process.argv[2]);
  if (!bench) throw new Error(`one of ${BROKERS.map((b) => b.broker).join(', ')}`);
  const count = Number(process.env.COUNT ?? bench.defaultCount);
  const meter = callgrindMeter();
  const profileDir = process.env.PROFILE_DIR
    ? join(process.env.PROFILE_DIR, `pipelines-${bench.broker}`)
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const samplers = (['always_on', 'always_off'] as const).filter(
    (s) => !process.env.ONLY || process.env.ONLY.split(',').includes(s),
  );
  await up();
  const run = async (name: string, require: string[], env: NodeJS.ProcessEnv = {}) => {
    const variant = { name, require, env };
    const all = { ...bench.env(), COUNT: String(count), BENCH_METER: meter };
    const value = (await measuredInstructions(bench.workload, variant, all, profileDir)) / count;
    process.stderr.write(`${bench.broker} ${name}: ${(value / 1000).toFixed(1)} k/msg\n`);
    return value;
  };
  const sdk = await run('SDK only', [SDK_PRELOAD]);
  const rows: string[] = [];
  for (const sampler of samplers) {
    const added: number[] = [];
    // 'true', then the default (the variable empty, as if unset, whatever our environment says).
    for (const pipelines of ['true', '']) {
      const value = await run(
        `msgtrace ${sampler}, ${pipelines ? 'MSGTRACE_PIPELINES=true' : 'default (pipelines off)'}`,
        [SDK_PRELOAD, bench.msgtrace],
        {
          BENCH_SAMPLER: sampler,
          MSGTRACE_PIPELINES: pipelines,
        },
      );
      added.push(value - sdk);
    }
    const [on = 0, off = 0] = added;
    const k = (n: number) => `${(n / 1000).toFixed(1)} k`;
    rows.push(`| ${bench.broker} | ${sampler} | ${k(on)} | ${k(off)} | ${k(on - off)} |`);
  }
  console.log(`\n${bench.title}, COUNT ${count}, SDK only ${(sdk / 1000).toFixed(1)} k/msg`);
  console.log(
    '| broker | sampler | added, MSGTRACE_PIPELINES=true | added, default | pathway carrier |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
