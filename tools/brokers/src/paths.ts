import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findRepoRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/** The repository root: compose file, and the `.brokers/` state directory under it. */
export const repoRoot = findRepoRoot(__dirname);

/**
 * Logs, pid files, data and resolved classpaths of natively started brokers. Overridable with
 * `MSGTRACE_BROKERS_DIR` so two checkouts can share one set of brokers.
 */
export const stateDir = resolve(process.env.MSGTRACE_BROKERS_DIR ?? join(repoRoot, '.brokers'));

/** Committed Maven descriptors and broker configs that ship with the runner. */
export const assetsDir = resolve(__dirname, '..', 'maven');

export function stateFile(...parts: string[]): string {
  const file = join(stateDir, ...parts);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
