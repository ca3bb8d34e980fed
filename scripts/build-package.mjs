#!/usr/bin/env node
// Builds the package in the current directory twice, CommonJS into dist/cjs and ES modules into
// dist/esm, each with its own declarations, so `exports` can give every condition types that
// describe the file it actually loads. `--cjs-only` is for private packages nobody imports as ESM.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const cjsOnly = process.argv.includes('--cjs-only');

function compile(args) {
  const result = spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync('dist', { recursive: true, force: true });

compile(['-p', 'tsconfig.build.json', '--outDir', 'dist/cjs']);
mkdirSync(join('dist', 'cjs'), { recursive: true });
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
