import { spawn } from 'node:child_process';
import { up } from '@msgtrace/brokers';
import { SDK_PRELOAD, type Variant } from './variants.js';

/**
 * Instructions per message under valgrind's callgrind: unlike CPU time, the count repeats to
 * within ~1 % run to run whatever else the machine does, so small differences between
 * instrumentations show. Each variant runs twice, with COUNT=0 (start-up and warm-up only) and
 * COUNT=n; the difference divided by n is the steady-state cost of one message. Network waits
 * and the broker's own work are not counted: only the client process's instructions.
 */
export interface InstructionBench {
  title: string;
  bare: string;
  workload: string;
  msgtrace: string;
  contrib: string;
  count: number;
  env(): NodeJS.ProcessEnv;
}

function instructions(script: string, variant: Variant, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--callgrind-out-file=/dev/null',
        process.execPath,
        ...variant.require.flatMap((m) => ['--require', m]),
        script,
      ],
      { env: { ...process.env, ...env, ...variant.env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const refs = /I\s+refs:\s+([\d,]+)/.exec(err)?.[1];
      if (code !== 0 || !refs) reject(new Error(`${variant.name} under callgrind: exit ${code}`));
      else resolve(Number(refs.replaceAll(',', '')));
    });
  });
}

export async function runInstructionBench(bench: InstructionBench): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const variants: Variant[] = [
    { name: bench.bare, require: [] },
    { name: 'SDK only', require: [SDK_PRELOAD] },
    { name: 'msgtrace, sampled', require: [SDK_PRELOAD, bench.msgtrace] },
    { name: 'contrib, sampled', require: [SDK_PRELOAD, bench.contrib] },
    {
      name: 'msgtrace, always_off',
      require: [SDK_PRELOAD, bench.msgtrace],
      env: { BENCH_SAMPLER: 'always_off' },
    },
    {
      name: 'contrib, always_off',
      require: [SDK_PRELOAD, bench.contrib],
      env: { BENCH_SAMPLER: 'always_off' },
    },
  ];
  await up();
  const perMessage = new Map<string, number>();
  for (const variant of variants) {
    const base = await instructions(bench.workload, variant, { ...bench.env(), COUNT: '0' });
    const full = await instructions(bench.workload, variant, {
      ...bench.env(),
      COUNT: String(bench.count),
    });
    perMessage.set(variant.name, (full - base) / bench.count);
    process.stderr.write(
      `${variant.name}: ${((full - base) / bench.count / 1000).toFixed(1)} k instructions/msg\n`,
    );
  }
  const sdk = perMessage.get('SDK only') ?? 0;
  console.log(`\n${bench.title}: instructions per message (callgrind), Node ${process.version}\n`);
  console.log('| variant | instructions / message | added over SDK only |');
  console.log('| --- | --- | --- |');
  for (const [name, value] of perMessage) {
    const added =
      name === bench.bare || name === 'SDK only' ? '' : `${((value - sdk) / 1000).toFixed(1)} k`;
    console.log(`| ${name} | ${(value / 1000).toFixed(1)} k | ${added} |`);
  }
  for (const mode of ['sampled', 'always_off']) {
    const ours = (perMessage.get(`msgtrace, ${mode}`) ?? 0) - sdk;
    const theirs = (perMessage.get(`contrib, ${mode}`) ?? 0) - sdk;
    console.log(
      `\n- ${mode}: msgtrace adds ${(ours / 1000).toFixed(1)} k, contrib ${(theirs / 1000).toFixed(1)} k — **${(ours / theirs).toFixed(2)}×** the anchor's cost`,
    );
  }
}
