#!/usr/bin/env node
// Native addons the workspace installs without building (root package.json,
// `pnpm.neverBuiltDependencies`), made to work here: today @confluentinc/kafka-javascript, a NAN
// addon over librdkafka, one binary per copy and per Node ABI. For each installed copy whose
// binary is missing or does not load in this Node: first the package's own way (node-pre-gyp
// downloads the prebuilt binary, as a user's `npm install` does), then, when that download is
// unreachable, a build from source against the system's libraries (Debian's dev packages,
// installed with apt-get when running as root and missing; `CKJS_LINKING=dynamic`), with at most
// two compile jobs. A copy that already loads is left alone, so a warm run costs one `require`.
//
// `node scripts/native-builds.mjs` (run.mjs calls it after installing); `--check` only reports.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = process.argv.includes('--check');

/** Debian packages librdkafka's build links against (with CKJS_LINKING=dynamic). */
const DEV_PACKAGES = [
  'zlib1g-dev',
  'libssl-dev',
  'libzstd-dev',
  'liblz4-dev',
  'libsasl2-dev',
  'libcurl4-openssl-dev',
];

/** Every installed copy of the package in pnpm's store of this workspace. */
function installedCopies() {
  const store = join(root, 'node_modules', '.pnpm');
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .filter((name) => name.startsWith('@confluentinc+kafka-javascript@'))
    .map((name) => join(store, name, 'node_modules', '@confluentinc', 'kafka-javascript'))
    .filter((dir) => existsSync(join(dir, 'package.json')));
}

/** Whether the copy's addon loads in this Node (missing, or built for another ABI: it does not). */
function loads(dir) {
  const probe = `require(${JSON.stringify(dir)}).librdkafkaVersion`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

/** The Debian packages of DEV_PACKAGES not installed; [] where there is no dpkg. */
function missingDevPackages() {
  if (spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status !== 0) return [];
  return DEV_PACKAGES.filter(
    (name) =>
      spawnSync('dpkg-query', ['-W', `-f=\${Status}`, name], { encoding: 'utf8' }).stdout !==
      'install ok installed',
  );
}

function installDevPackages() {
  const missing = missingDevPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0) {
    console.warn(`native-builds: missing ${missing.join(' ')}; install them to build from source`);
    return;
  }
  console.log(`native-builds: apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
}

/**
 * A `make` first on PATH that runs at most `jobs` jobs: the bundled librdkafka's build step
 * calls a bare `make -j` (unbounded), which would take every core of a shared machine.
 */
function boundedMake(jobs) {
  const dir = join(root, '.tools', 'bounded-make');
  mkdirSync(dir, { recursive: true });
  const real = spawnSync('sh', ['-c', 'command -v make'], { encoding: 'utf8' }).stdout.trim();
  const script = join(dir, 'make');
  writeFileSync(
    script,
    `#!/bin/sh
# Written by scripts/native-builds.mjs: ${real} with -j (bare or numbered) capped at ${jobs}.
capped=0; skip=0
for a in "$@"; do
  shift
  if [ "$skip" = 1 ]; then skip=0; case "$a" in [0-9]*) continue ;; esac; fi
  case "$a" in
    -j) skip=1; capped=1; continue ;;
    -j[0-9]*|--jobs=*) capped=1; continue ;;
  esac
  set -- "$@" "$a"
done
if [ "$capped" = 1 ]; then exec ${real} -j${jobs} "$@"; fi
exec ${real} "$@"
`,
  );
  chmodSync(script, 0o755);
  return dir;
}

/** Node's headers next to this Node, when it was installed with them (Debian's, a tarball's). */
function localNodeDir() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

function nodePreGyp(dir, args, env = process.env) {
  const bin = join(dir, 'node_modules', '.bin', 'node-pre-gyp');
  return run(bin, args, { cwd: dir, env });
}

function build(dir) {
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  console.log(
    `native-builds: @confluentinc/kafka-javascript ${version} for Node ${process.version}`,
  );
  // A user's machine downloads the prebuilt binary: try that first.
  if (nodePreGyp(dir, ['install', '--fallback-to-build=false']) && loads(dir)) return true;
  console.log('native-builds: no prebuilt binary reachable; building librdkafka from source');
  installDevPackages();
  const jobs = Math.max(1, Math.min(2, availableParallelism()));
  const nodedir = localNodeDir();
  const env = {
    ...process.env,
    CKJS_LINKING: 'dynamic',
    PATH: `${boundedMake(jobs)}${delimiter}${process.env.PATH ?? ''}`,
    ...(nodedir ? { npm_config_nodedir: nodedir } : {}),
  };
  const started = Date.now();
  const ok =
    nodePreGyp(dir, ['rebuild', '--build-from-source=@confluentinc/kafka-javascript'], env) &&
    loads(dir);
  console.log(
    `native-builds: ${ok ? 'built' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return ok;
}

let failed = 0;
for (const dir of installedCopies()) {
  if (loads(dir)) continue;
  if (checkOnly) {
    console.log(`native-builds: ${dir} has no binary for Node ${process.version}`);
    failed += 1;
  } else if (!build(dir)) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
