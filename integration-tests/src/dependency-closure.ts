import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * The folder Node would load `name` from when `from` requires it: the nearest `node_modules`
 * holding it, walking up (read directly, so a package whose `exports` hides its package.json
 * is still found).
 */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed where ${from} looks`);
  }
}

/** What an install of the package brings: dependencies and peers the installer must add. */
function installedWith(manifest: Manifest): string[] {
  const optional = manifest.peerDependenciesMeta ?? {};
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
    (peer) => !optional[peer]?.optional,
  );
  return [...Object.keys(manifest.dependencies ?? {}), ...peers];
}

/**
 * Every package name an application gets by installing the workspace package `name` (devDependencies
 * and optional peers excluded, as npm and pnpm do), resolved through the installed tree.
 */
export function dependencyClosure(name: string, from: string): Set<string> {
  // Installed folder → package name: one package may sit in several folders (several versions).
  const seen = new Map<string, string>();
  const visit = (dependency: string, dir: string) => {
    const root = packageDir(dependency, dir);
    if (seen.has(root)) return;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
    seen.set(root, manifest.name);
    for (const next of installedWith(manifest)) visit(next, root);
  };
  visit(name, from);
  return new Set(seen.values());
}
