import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Variant } from '../shared/variants.js';

/**
 * Runs one workload under callgrind with instrumentation off until the workload's meter starts
 * it (start-up and warm-up run uninstrumented, several times faster), and returns the
 * instructions the process executed between the meter's start() and stop(): every thread's, the
 * SDK's batch processor and the garbage collector included, the broker's not. Counts repeat to
 * within about 1 % whatever else the machine runs, where CPU time does not.
 */
export function measuredInstructions(
  workload: string,
  variant: Variant,
  env: NodeJS.ProcessEnv,
  profileDir?: string,
): Promise<number> {
  const out = profileDir
    ? join(profileDir, `callgrind.${variant.name.replace(/[^a-z0-9.-]+/gi, '_')}.out`)
    : '/dev/null';
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=callgrind',
        '--instr-atstart=no',
        `--callgrind-out-file=${out}`,
        process.execPath,
        ...variant.require.flatMap((m) => ['--require', m]),
        workload,
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
      if (code !== 0 || !refs) {
        reject(new Error(`${variant.name} under callgrind: exit ${code}\n${err.slice(-2000)}`));
      } else resolve(Number(refs.replaceAll(',', '')));
    });
  });
}
