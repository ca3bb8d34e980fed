// The CI matrix: which Node runs which suites. Node 20 runs everything (lint, typecheck, build and
// every suite); lint, types and build output do not depend on the runtime, so the other legs run
// the Jest suites only, against the same build. The integration suite runs on the oldest and the
// newest LTS; Node 22 runs the unit suites (the integration suite's libraries and SDK are the same
// on both sides of it).

/** @typedef {'full' | 'tests' | 'unit'} LegSuites */

/** @type {readonly { major: number, suites: LegSuites }[]} */
export const LEGS = [
  { major: 20, suites: 'full' },
  { major: 22, suites: 'unit' },
  { major: 24, suites: 'tests' },
];

/** The turbo tasks and filters of a leg. */
export function turboArgs(suites) {
  if (suites === 'full') {
    return ['lint', 'lint:root', 'typecheck', 'build', 'test'];
  }
  if (suites === 'tests') return ['test'];
  return ['test', '--filter=!@msgtrace/integration-tests'];
}

/** `1m42s` */
export function duration(ms) {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
