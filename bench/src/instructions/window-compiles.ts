/**
 * What V8 compiled with TurboFan inside a workload's measured window, natively and in seconds
 * rather than under callgrind: each variant runs with the benchmark's V8 flags plus
 * `--trace-opt --trace-deopt`, a meter that marks the window in stdout, and each broker's
 * warm-ups, and the functions compiled (and deoptimised) between the marks are counted. A window
 * at steady state compiles little, and alike in every variant.
 *
 *   pnpm --filter @msgtrace/bench exec tsx src/instructions/window-compiles.ts sqs [sampler]
 *
 * BENCH_NODE_FLAGS adds flags to try (e.g. `--interrupt-budget=8448`); VERBOSE=1 names the
 * functions compiled in the window.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { up } from '@msgtrace/brokers';
import { SDK_PRELOAD } from '../shared/variants.js';
import { BROKERS } from './brokers.js';
import { DETERMINISTIC_NODE_FLAGS } from './callgrind.js';

interface WindowCompiles {
  compiled: string[];
  deopts: number;
  compileMs: number;
}

function count(trace: string): WindowCompiles {
  const result: WindowCompiles = { compiled: [], deopts: 0, compileMs: 0 };
  let inside = false;
  for (const line of trace.split('\n')) {
    if (line.startsWith('@@WINDOW')) inside = line.endsWith('START');
    else if (!inside) continue;
    else if (line.startsWith('[completed compiling')) {
      result.compiled.push(/<JSFunction ?(.*?) \(sfi/.exec(line)?.[1] || '(anonymous)');
      const took = /took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
      if (took) result.compileMs += Number(took[1]) + Number(took[2]) + Number(took[3]);
    } else if (line.startsWith('[bailout') || line.startsWith('[marking dependent code')) {
      result.deopts++;
    }
  }
  return result;
}

function run(workload: string, require: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const args = [...DETERMINISTIC_NODE_FLAGS, '--trace-opt', '--trace-deopt', ...extra];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...args, ...require.flatMap((m) => ['--require', m]), workload],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
  });
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const bench = BROKERS.find((b) => b.broker === process.argv[2]);
  if (!bench) throw new Error(`one of ${BROKERS.map((b) => b.broker).join(', ')}`);
  const sampler = process.argv[3] ?? 'always_off';
  const variants: [string, string[]][] = [
    ['SDK only', [SDK_PRELOAD]],
    ['msgtrace', [SDK_PRELOAD, bench.msgtrace]],
    ...(bench.contrib ? [['contrib', [SDK_PRELOAD, bench.contrib]] as [string, string[]]] : []),
  ];
  await up();
  for (const [name, require] of variants) {
    const env = {
      ...bench.env(),
      COUNT: String(bench.defaultCount),
      BENCH_METER: join(__dirname, '..', 'shared', 'trace-meter.cjs'),
      BENCH_SAMPLER: sampler,
      MSGTRACE_PIPELINES: '',
    };
    const { compiled, deopts, compileMs } = count(await run(bench.workload, require, env));
    console.log(
      `${bench.broker} ${name}, ${sampler}: ${compiled.length} compiled in the window ` +
        `(${compileMs.toFixed(1)} ms), ${deopts} deoptimised`,
    );
    if (process.env.VERBOSE) console.log(`  ${compiled.join(', ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
