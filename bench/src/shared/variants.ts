import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** One way of running the same workload: which preloads the process gets. */
export interface Variant {
  name: string;
  require: string[];
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  count: number;
  cpuMicros: number;
  wallMs: number;
}

export const SDK_PRELOAD = join(__dirname, 'sdk-preload.cjs');

/** Runs a workload script once in a fresh process and returns what it printed. */
export function runWorkload(
  script: string,
  variant: Variant,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...variant.require.flatMap((m) => ['--require', m]), script],
      { env: { ...process.env, ...env, ...variant.env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${variant.name} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as RunResult);
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Variants in a different order each round, so drift on a noisy machine hits all alike. */
export function shuffled<T>(items: readonly T[], round: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (i * 7 + round * 13) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
