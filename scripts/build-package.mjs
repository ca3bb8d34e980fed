#!/usr/bin/env node
// Builds the package in the current directory twice, CommonJS into dist/cjs and ES modules into
// dist/esm, each with its own declarations, so `exports` can give every condition types that
// describe the file it actually loads. `--cjs-only` is for private packages nobody imports as ESM.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const cjsOnly = process.argv.includes('--cjs-only');

function compile(args) {
  const result = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * tsc's CommonJS re-exports are getters (`export { x } from` one closure per name, `export *` one
 * shared closure doing a keyed load), and a package index with over a hundred of them is a
 * dictionary-mode object: every `core_1.startOperation` in another package then went through a
 * load IC miss and a getter call, per message (4.2 k of 68 k instructions per Kafka message in
 * bench/src/kafka/telemetry-isolated.cjs, the unsampled path). Plain data properties instead:
 * the live binding they drop only matters for exports that are reassigned (exported `let`s are
 * refused below) or read before their module finished loading, in an import cycle through an
 * index (integration-tests' package-shape test checks every index's exports are defined).
 */
function plainReExports(source) {
  return source
    .replace(
      /Object\.defineProperty\(exports, "([\w$]+)", \{ enumerable: true, get: function \(\) \{ return ([\w$]+)\.([\w$]+); \} \}\);/g,
      'exports.$1 = $2.$3;',
    )
    .replace(
      /__exportStar\((require\("[^"]+"\)), exports\);/g,
      '(function (m) { for (var k in m) if (k !== "default" && !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = m[k]; })($1);',
    );
}

/**
 * tsc compiles each use of an import to a property load on the required module (`api_1.trace`,
 * `core_1.startOperation`), and the OpenTelemetry API's and our indexes are dictionary-mode objects
 * (the API's entries are getters too): per use, a load-IC miss and, for the API, a getter call.
 * A copy made once at load is a fast-mode object whose loads the compiler inlines: 5.2 k of
 * 63.2 k instructions per Kafka message unsampled (bench/src/kafka/telemetry-isolated.cjs). Only
 * for modules whose exports never change after loading: the API (singletons and functions) and
 * this workspace's packages (plain values, see plainReExports).
 */
function snapshotImports(source) {
  return source.replace(
    /^(const [\w$]+ = )(require\("(?:@opentelemetry\/api|@msgtrace\/[\w-]+)"\));$/gm,
    '$1{ ...$2 };',
  );
}

rmSync('dist', { recursive: true, force: true });

compile(['-p', 'tsconfig.build.json', '--outDir', 'dist/cjs']);
mkdirSync(join('dist', 'cjs'), { recursive: true });
for (const file of readdirSync('src', { recursive: true })) {
  if (file.endsWith('.ts') && /^export (let|var) /m.test(readFileSync(join('src', file), 'utf8'))) {
    throw new Error(
      `src/${file}: an exported let or var needs the live binding plainReExports drops`,
    );
  }
}
for (const file of readdirSync(join('dist', 'cjs'), { recursive: true })) {
  if (!file.endsWith('.js')) continue;
  const path = join('dist', 'cjs', file);
  writeFileSync(path, snapshotImports(plainReExports(readFileSync(path, 'utf8'))));
}
writeFileSync(join('dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

if (!cjsOnly) {
  // The same sources, emitted as ES modules: the `.js` specifiers in the sources are already
  // valid ESM paths, so Bundler resolution only has to leave them alone.
  compile([
    '-p',
    'tsconfig.build.json',
    '--outDir',
    'dist/esm',
    '--module',
    'ES2022',
    '--moduleResolution',
    'Bundler',
  ]);
  writeFileSync(join('dist', 'esm', 'package.json'), '{ "type": "module" }\n');
}
