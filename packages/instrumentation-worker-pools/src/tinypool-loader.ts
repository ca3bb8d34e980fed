import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { satisfiesRange } from '@msgtrace/core';

/**
 * The copies of tinypool the application would import (from its main script's folder and from
 * the working directory, usually the same one): their entry files and versions.
 */
function findTinypools(): { entry: string; version: string }[] {
  const found = new Map<string, string>();
  const from = [process.cwd()];
  if (process.argv[1]) from.unshift(dirname(process.argv[1]));
  for (const dir of from) {
    let entry: string;
    try {
      entry = require.resolve('tinypool', { paths: [dir] });
    } catch {
      continue;
    }
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
    if (typeof manifest.version === 'string') found.set(entry, manifest.version);
  }
  return [...found].map(([entry, version]) => ({ entry, version }));
}

/**
 * tinypool is an ES module, which the CommonJS loader hook never sees. Instead of putting a module
 * loader in front of every ES module the app loads, the register entry imports the tinypool the
 * app resolves (once, when there is one in a supported version) and patches its class in place:
 * ES modules are singletons per file, so the app's own `import` gets the patched class. The
 * `--import` entry waits for this; a CommonJS app reaches tinypool only through an `import()`
 * that settles after this one (both wait for the same evaluation; this one was first).
 */
export function importTinypools(range: string, patch: (exports: object) => void): Promise<void> {
  const inRange = findTinypools().filter(({ version }) => satisfiesRange(version, range));
  return Promise.all(
    // `patch` runs in the first reaction to the import, ahead of any `import()` the app started
    // after this one: no further await in between.
    inRange.map(({ entry }) => import(pathToFileURL(entry).href).then(patch)),
  ).then(() => undefined);
}
