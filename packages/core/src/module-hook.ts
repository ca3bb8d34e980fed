import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { sep } from 'node:path';
import { guard } from './guard.js';
import { processWide } from './process-wide.js';
import { satisfiesRange } from './version-range.js';

/**
 * One file of one package to patch as it loads.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface ModuleFileHook {
  /** The package name, e.g. `kafkajs` or `@aws-sdk/client-sqs`. */
  module: string;
  /** The file within the package, e.g. `src/index.js`. */
  file: string;
  /** The versions to patch, e.g. `>=2.0.0 <3`. */
  versions: string;
  /** Called with the file's exports as it loads; what it returns becomes the exports. */
  onLoad(exports: unknown, version: string): unknown;
}

type Loader = (module: { exports: unknown }, filename: string) => void;

interface HookState {
  hooks: Set<ModuleFileHook & { suffix: string }>;
}

// One wrapper per process: every msgtrace package (and every copy of core) adds its hooks to the
// same list instead of stacking wrappers.
function state(): HookState {
  return processWide('msgtrace.core.module-hooks', () => {
    const created: HookState = { hooks: new Set() };
    installLoader(created);
    return created;
  });
}

function suffixOf(hook: Pick<ModuleFileHook, 'module' | 'file'>): string {
  return `${sep}node_modules${sep}${hook.module.split('/').join(sep)}${sep}${hook.file.split('/').join(sep)}`;
}

function versionAt(filename: string, hook: Pick<ModuleFileHook, 'file'>): string | undefined {
  const root = filename.slice(
    0,
    filename.length - `${sep}${hook.file.split('/').join(sep)}`.length,
  );
  const manifest = JSON.parse(readFileSync(`${root}${sep}package.json`, 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : undefined;
}

function apply(
  hook: ModuleFileHook & { suffix: string },
  module: { exports: unknown },
  filename: string,
) {
  guard(`loading ${hook.module}/${hook.file}`, () => {
    const version = versionAt(filename, hook);
    if (version === undefined || !satisfiesRange(version, hook.versions)) return;
    module.exports = hook.onLoad(module.exports, version);
  });
}

/**
 * Wraps the loader of `.js` files, which runs once per file actually compiled: unlike a wrapper
 * of `require` (require-in-the-middle), it costs nothing on the `require` calls that hit the
 * cache, which libraries such as kafkajs make on every request.
 */
function installLoader(hookState: HookState): void {
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  const original = extensions['.js'];
  if (!original) return;
  extensions['.js'] = function msgtraceLoader(module, filename) {
    original.call(this, module, filename);
    if (hookState.hooks.size === 0 || typeof filename !== 'string') return;
    for (const hook of hookState.hooks) {
      if (filename.endsWith(hook.suffix)) apply(hook, module, filename);
    }
  };
}

/**
 * Patches `hook.file` of `hook.module` whenever a version in range loads from now on. Returns a
 * function that stops patching files loaded later (what was patched stays; `disable()` unwraps).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function hookModuleFile(hook: ModuleFileHook): () => void {
  const entry = { ...hook, suffix: suffixOf(hook) };
  const { hooks } = state();
  hooks.add(entry);
  return () => hooks.delete(entry);
}

/**
 * The exports of every copy of `hook.file` already loaded, with their version, so an
 * instrumentation enabled after the library was required can still patch what it can.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function loadedModuleFiles(
  hook: Pick<ModuleFileHook, 'module' | 'file' | 'versions'>,
): { exports: unknown; version: string }[] {
  const suffix = suffixOf(hook);
  const found: { exports: unknown; version: string }[] = [];
  const cache = (Module as unknown as { _cache: Record<string, { exports: unknown } | undefined> })
    ._cache;
  for (const filename of Object.keys(cache)) {
    if (!filename.endsWith(suffix)) continue;
    const cached = cache[filename];
    const version = guard('reading a loaded module version', () => versionAt(filename, hook));
    if (cached && version !== undefined && satisfiesRange(version, hook.versions)) {
      found.push({ exports: cached.exports, version });
    }
  }
  return found;
}
