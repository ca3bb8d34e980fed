import Module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { hookModuleFile, loadedModuleFiles } from '../src/module-hook';

// Jest's registry (and its createRequire) bypass Node's loader, so files are loaded the way Node
// loads them, through Module#load, which runs the `.js` loader the hook wraps.
type LoadableModule = { exports: unknown; load(filename: string): void };
const NodeModule = Module as unknown as new (id: string) => LoadableModule;
function nodeLoad(path: string): unknown {
  const filename = join(__dirname, 'fixtures', 'node_modules', path);
  const loaded = new NodeModule(filename);
  loaded.load(filename);
  (Module as unknown as { _cache: Record<string, unknown> })._cache[filename] = loaded;
  return loaded.exports;
}

describe('hookModuleFile', () => {
  it('patches a file of a package in range as Node loads it, and stops when unhooked', () => {
    const seen: string[] = [];
    const unhook = hookModuleFile({
      module: 'fake-lib',
      file: 'lib/client.js',
      versions: '>=2',
      onLoad(exports, version) {
        seen.push(version);
        return Object.assign(function Patched() {}, { original: exports });
      },
    });
    try {
      const loaded = nodeLoad('fake-lib/lib/client.js') as { original?: unknown };
      expect(seen).toEqual(['2.3.4']);
      expect(typeof loaded.original).toBe('function');
      expect(
        loadedModuleFiles({ module: 'fake-lib', file: 'lib/client.js', versions: '>=2' }),
      ).toHaveLength(1);
      expect(
        loadedModuleFiles({ module: 'fake-lib', file: 'lib/client.js', versions: '<2' }),
      ).toEqual([]);
    } finally {
      unhook();
    }
  });

  it('leaves a version out of range alone, and survives a patch that throws', () => {
    const unhook = hookModuleFile({
      module: 'old-lib',
      file: 'index.js',
      versions: '>=2',
      onLoad: () => ({ version: 'patched' }),
    });
    const throwing = hookModuleFile({
      module: 'old-lib',
      file: 'index.js',
      versions: '>=1',
      onLoad: () => {
        throw new Error('patch bug');
      },
    });
    try {
      expect(nodeLoad('old-lib/index.js')).toEqual({ version: 'old' });
    } finally {
      unhook();
      throwing();
    }
  });
});
