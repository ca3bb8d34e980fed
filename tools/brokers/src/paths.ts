import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findUp(start: string, marker: string): string {
  let dir = resolve(start);
  while (!existsSync(join(dir, marker)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The repository root: compose file, and the `.brokers/` state directory under it. */
export const repoRoot = findUp(__dirname, 'pnpm-workspace.yaml');

/**
 * Logs, pid files, data and resolved classpaths of natively started brokers. Overridable with
 * `MSGTRACE_BROKERS_DIR` so two checkouts can share one set of brokers.
 */
export const stateDir = resolve(process.env.MSGTRACE_BROKERS_DIR ?? join(repoRoot, '.brokers'));

/**
 * Committed Maven descriptors and broker configs that ship with the runner, found from the
 * sources (tsx) and from the build (dist/cjs) alike.
 */
export const assetsDir = join(findUp(__dirname, 'maven'), 'maven');

export function stateFile(...parts: string[]): string {
  const file = join(stateDir, ...parts);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
