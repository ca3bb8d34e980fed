#!/usr/bin/env node
// The README's two commands, `npm test` and `npm run demo`, on a machine that has only Node 20
// and a JDK: installs pnpm (locally, through npm) and the workspace's dependencies from the
// frozen lockfile, then runs the whole suite or the demo. Brokers are started by the runner.
// `npm test` (what CI runs) runs the suites on Node 20, 22 and 24 (test-legs.mjs), installing
// the Node binaries it lacks into .tools/ through npm (node-runtime.mjs); `npm test -- --this-node`
// runs the whole suite once, on the Node that started it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-runtime.mjs';
import { CONFLUENT_SUITES, duration, LEGS, turboArgs } from './test-legs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(
  readFileSync(join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args) {
  const status = run(command, args);
  if (status !== 0) process.exit(status);
}

/**
 * pnpm of the pinned version: the one on PATH if it matches, else a private copy in .tools/.
 * The private copy's folder goes first on PATH for everything started from here, because turbo
 * (and pnpm's own scripts) look the package manager up by name, not through us.
 */
function pnpm() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === PNPM_VERSION) return 'pnpm';
  const bin = join(root, '.tools', 'node_modules', '.bin');
  const local = join(bin, 'pnpm');
  if (!existsSync(local)) {
    console.log(`installing pnpm ${PNPM_VERSION} into .tools/ with npm…`);
    must('npm', ['install', '--prefix', join(root, '.tools'), '--no-save', `pnpm@${PNPM_VERSION}`]);
  }
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
  return local;
}

/**
 * The command wrapped in `flock` on a lock shared by every checkout on this machine, when the
 * machine has flock (util-linux); otherwise the command as it is.
 */
function exclusive(command, args) {
  if (spawnSync('flock', ['--version'], { stdio: 'ignore' }).status !== 0) return [command, args];
  const lock = join(tmpdir(), 'msgtrace-suite.lock');
  if (spawnSync('flock', ['--nonblock', lock, 'true'], { stdio: 'ignore' }).status !== 0) {
    console.log(`waiting for another msgtrace suite on this machine to finish (${lock})…`);
    // Wait here rather than inside the command, so the caller can time its own work apart.
    spawnSync('flock', [lock, 'true'], { stdio: 'ignore' });
  }
  return ['flock', [lock, command, ...args]];
}

const summaryFiles = () =>
  [
    ...['packages', 'tools'].flatMap((group) =>
      readdirSync(join(root, group)).map((name) => join(root, group, name)),
    ),
    join(root, 'integration-tests'),
    join(root, 'demo'),
  ]
    .map((dir) => join(dir, 'reports', 'jest-summary.json'))
    .concat(join(root, 'integration-tests', 'reports', 'jest-summary-faults.json'));

function summarize() {
  const totals = { passed: 0, failed: 0, skipped: 0, failedSuites: 0 };
  for (const file of summaryFiles()) {
    if (!existsSync(file)) continue;
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += summary[key] ?? 0;
    // A project whose suites ran on another Node than this run's proves nothing about this one.
    if (summary.node !== process.version) {
      console.error(`${file} was written by Node ${summary.node}, not ${process.version}`);
      totals.failed += 1;
    }
  }
  return totals;
}

// Known, expected notices that would drown the output: the AWS SDK's Node 22 notice on Node 20,
// and kafkajs's v2 partitioner notice. Set them yourself to see them again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const [command, ...options] = process.argv.slice(2);
/** `--name=value` → `value`; '' when absent. */
const option = (name) => {
  const prefix = `--${name}=`;
  return options.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? '';
};
const pm = pnpm();
// A matrix leg (a child given --totals) runs after its parent installed.
const totalsFile = option('totals');
// The parent already holds the machine's suite lock (see exclusive()).
const locked = options.includes('--locked');
if (!totalsFile && !locked) {
  must(pm, ['install', '--frozen-lockfile', '--prefer-offline']);
  // Native addons pnpm installs unbuilt, built for this Node (downloaded, or from source).
  must(process.execPath, [join(root, 'scripts', 'native-builds.mjs')]);
}

const summaryLine = (totals) =>
  `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;

/**
 * One leg on the running Node: turbo's tasks, then (when `faults`) the fault suite, then the
 * totals of every Jest summary written.
 */
function testLeg(suites, faults) {
  // Counts from an earlier run must not stand in for a project that did not run this time
  // (turbo restores a cached project's file itself).
  for (const file of summaryFiles()) rmSync(file, { force: true });
  // Test results are cached per Node version: another leg must run the suites again.
  process.env.MSGTRACE_NODE_VERSION = process.version;
  // One suite at a time per machine: two at once share two cores and the same brokers, and
  // their consumer-group joins and process fixtures then fail on time-outs, not on bugs.
  const asked = Date.now();
  const turbo = ['exec', 'turbo', 'run', ...turboArgs(suites), '--continue'];
  const suite = locked ? [pm, turbo] : exclusive(pm, turbo);
  const started = Date.now();
  let status = run(...suite);
  if (faults) {
    // After the other suites, not beside them: its scenarios stop brokers and kill processes.
    const faultSuite = [pm, ['--filter', '@msgtrace/integration-tests', 'test:faults']];
    status = run(...(locked ? faultSuite : exclusive(...faultSuite))) || status;
  }
  // The leg's own work, apart from waiting for another checkout's suite to release the lock.
  const timing = { ms: Date.now() - started, waitedMs: started - asked };
  const totals = summarize();
  if (status !== 0 && totals.failed === 0) {
    // A build, lint, typecheck or suite set-up failed before any test could: count it.
    console.error('a task failed outside any test (see its log above)');
    totals.failed = 1;
  }
  return { status, totals, timing };
}

/**
 * Every leg of the matrix, each in a child process on its own Node; one summary line for all.
 * The whole matrix is one suite for the machine's lock: this process re-runs itself under it,
 * and the legs run with --locked.
 */
function testMatrix() {
  const script = join(root, 'scripts', 'run.mjs');
  if (!locked)
    process.exit(run(...exclusive(process.execPath, [script, 'test', '--matrix', '--locked'])));
  const all = { passed: 0, failed: 0, skipped: 0 };
  const began = Date.now();
  const lines = [];
  let status = 0;
  for (const { major, suites, faults, confluent } of LEGS) {
    const node = nodeBinary(root, major);
    const legTotals = join(root, '.tools', `leg-${major}.json`);
    rmSync(legTotals, { force: true });
    console.log(`\n=== Node ${major}: ${suites} ===`);
    const leg = [script, 'test', `--suites=${suites}`, `--totals=${legTotals}`, '--locked'];
    if (faults) leg.push('--faults');
    const legStatus = run(node, leg, {
      env: {
        ...process.env,
        // The leg's Node first on PATH: turbo, pnpm and every script they start run on it.
        PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
        // The Confluent addon is built for Node 20's ABI only (see test-legs.mjs).
        [CONFLUENT_SUITES]: confluent ? 'on' : 'off',
      },
    });
    const totals = existsSync(legTotals)
      ? JSON.parse(readFileSync(legTotals, 'utf8'))
      : { version: `v${major}`, passed: 0, failed: 1, skipped: 0, timing: { ms: 0 } };
    for (const key of Object.keys(all)) all[key] += totals[key];
    const without = suites !== 'unit' && !confluent ? ', without the Confluent broker suites' : '';
    lines.push(
      `Node ${totals.version} (${suites}${faults ? ' + faults' : ''}${without}, ${duration(totals.timing.ms)}): ${summaryLine(totals)}`,
    );
    status ||= legStatus;
  }
  lines.push(`all legs: ${duration(Date.now() - began)}`);
  console.log(`\n${lines.join('\n')}`);
  return { status, totals: all };
}

if (command === 'test') {
  // The matrix unless one leg is asked for: `npm test` is what CI runs, all of it.
  const oneLeg = options.includes('--this-node') || option('suites') !== '';
  // --this-node is the whole suite, faults included; a matrix leg runs them when told.
  const faults = options.includes('--faults') || options.includes('--this-node');
  const { status, totals, timing } = !oneLeg
    ? testMatrix()
    : testLeg(option('suites') || 'full', faults);
  if (totalsFile) {
    writeFileSync(totalsFile, JSON.stringify({ version: process.version, ...totals, timing }));
  }
  const strayStatus = totals.skipped > 0 && process.env.CI ? 1 : 0;
  if (strayStatus) console.error(`${totals.skipped} tests were skipped: CI allows none.`);
  console.log(summaryLine(totals));
  process.exit(status || strayStatus || (totals.passed === 0 ? 1 : 0));
} else if (command === 'demo') {
  must(pm, ['exec', 'turbo', 'run', 'build', '--filter=@msgtrace/demo...']);
  // `npm run demo -- --orders 3 --kafka-client confluent`: the options are the demo's.
  process.exit(run(pm, ['--filter', '@msgtrace/demo', 'start', ...options]));
} else {
  console.error('usage: node scripts/run.mjs test [--this-node | --suites=full|tests|unit] | demo');
  process.exit(2);
}
