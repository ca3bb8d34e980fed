/**
 * `pnpm bench:soak [kafka|rabbitmq|sqs|kinesis]`: each broker's workload over COUNT messages
 * (default 200 000), sampled, SDK only and with msgtrace, in fresh processes run with
 * --expose-gc. Each reports its heap after warm-up and at the end (spans flushed, two full
 * collections); msgtrace's growth beyond the SDK-only run's is state that outlived its messages.
 * A benchmark, never a test.
 */
import { spawn } from 'node:child_process';
import { up } from '@msgtrace/brokers';
import { markdownTable } from '../harness.js';
import { BROKERS, type BrokerWorkload } from '../instructions/brokers.js';
import { exitWhenDone } from '../shared/overhead.js';
import { SDK_PRELOAD, type Variant } from '../shared/variants.js';

interface SoakResult {
  count: number;
  wallMs: number;
  heapAfterWarmup: number;
  heapAtEnd: number;
}

function soak(bench: BrokerWorkload, variant: Variant, count: number): Promise<SoakResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...variant.require.flatMap((m) => ['--require', m]), bench.workload],
      {
        // No second warm-up: a soak has no counted window to protect (shared/rewarm.cjs).
        env: { ...process.env, ...bench.env(), REWARM: '0', COUNT: String(count), ...variant.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${bench.broker} ${variant.name} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as SoakResult);
    });
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const wanted = process.argv[2];
  const benches = wanted ? BROKERS.filter((b) => b.broker === wanted) : BROKERS;
  if (benches.length === 0) {
    throw new Error(`unknown broker ${wanted}: one of ${BROKERS.map((b) => b.broker).join(', ')}`);
  }
  const count = Number(process.env.COUNT ?? 200_000);
  await up();
  const rows: string[][] = [];
  for (const bench of benches) {
    const sdk = await soak(bench, { name: 'SDK only', require: [SDK_PRELOAD] }, count);
    const ours = await soak(
      bench,
      { name: 'msgtrace', require: [SDK_PRELOAD, bench.msgtrace] },
      count,
    );
    const growth = (r: SoakResult) => r.heapAtEnd - r.heapAfterWarmup;
    for (const [name, r] of [
      ['SDK only', sdk],
      ['msgtrace', ours],
    ] as const) {
      rows.push([
        bench.broker,
        name,
        mb(r.heapAfterWarmup),
        mb(r.heapAtEnd),
        mb(growth(r)),
        `${Math.round(r.count / (r.wallMs / 1000))} msg/s`,
      ]);
    }
    const verdict = `${bench.broker}: msgtrace grows ${mb(growth(ours) - growth(sdk))} beyond the SDK alone over ${count} messages`;
    process.stderr.write(`${verdict}\n`);
    rows.push([
      bench.broker,
      '**msgtrace − SDK only**',
      '',
      '',
      `**${mb(growth(ours) - growth(sdk))}**`,
      '',
    ]);
  }
  console.log(`\nSoak, sampled, ${count} messages per run, Node ${process.version}\n`);
  console.log(
    markdownTable(
      ['broker', 'variant', 'heap after warm-up', 'heap at end', 'growth', 'throughput'],
      rows,
    ),
  );
}

exitWhenDone(main());
