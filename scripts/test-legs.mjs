// The CI matrix: which Node runs which suites. Node 20 runs everything (lint, typecheck, build and
// every suite); lint, types and build output do not depend on the runtime, so the other legs run
// the Jest suites only, against the same build. The integration suite runs on the oldest and the
// newest LTS; Node 22 runs the unit suites (the integration suite's libraries and SDK are the same
// on both sides of it). The fault suite (`pnpm test:faults`, docs/reliability.md) runs once, on
// Node 24: what it breaks (brokers, connections, processes, the telemetry pipeline) and what it
// checks (messages, spans, our bookkeeping) does not depend on the runtime, its minutes are the
// matrix's longest single cost, and the Node 24 leg is the short one; Node 20 already carries
// lint, types and the build.
//
// The Confluent client's broker suites (integration-tests/test/confluent-kafka) run on Node 20
// only: @confluentinc/kafka-javascript is a NAN addon, one binary per installed copy and per Node
// ABI, built from source here (scripts/native-builds.mjs, ~4 CPU-minutes per copy) because its
// prebuilt download is unreachable; two more ABIs would be four more builds and two copies of the
// package per version. Its unit suites (fake clients, no addon) run on every leg. A leg without
// them leaves them out of its Jest run and says so in its summary line; it never counts them as
// passed or skipped.

/** @typedef {'full' | 'tests' | 'unit'} LegSuites */

/** @type {readonly { major: number, suites: LegSuites, faults: boolean, confluent: boolean }[]} */
export const LEGS = [
  { major: 20, suites: 'full', faults: false, confluent: true },
  { major: 22, suites: 'unit', faults: false, confluent: false },
  { major: 24, suites: 'tests', faults: true, confluent: false },
];

/** The variable that leaves the Confluent broker suites out of a leg's integration run. */
export const CONFLUENT_SUITES = 'MSGTRACE_CONFLUENT_KAFKA_SUITES';

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
