import { join } from 'node:path';
import { brokerEndpoints } from '@msgtrace/brokers';
import {
  type FixtureRunWithIncidents,
  type RunningWithIncidents,
  startWithIncidents,
} from '@msgtrace/test-utils';
import type { Mode, WorkloadRun } from './compare';
import { resultOf } from './compare';

export const endpoints = brokerEndpoints();

const FIXTURES = join(__dirname, '..', '..', 'test', 'faults', 'fixtures');

/** Starts a workload fixture (`<name>.cjs`), instrumented or bare. */
export function startWorkload(
  name: string,
  mode: Mode,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): RunningWithIncidents {
  return startWithIncidents(join(FIXTURES, `${name}.cjs`), {
    env: {
      // The notices `npm test` hides too (scripts/run.mjs): the libraries', never msgtrace's, and
      // both runs must have an empty stderr when the suite runs on its own.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...env,
      ...(mode === 'instrumented' ? { MSGTRACE_FAULTS_INSTRUMENTED: '1' } : {}),
    },
    timeoutMs,
  });
}

/** The workload's view when one process ran it to the end. */
export function oneProcess(run: FixtureRunWithIncidents, killed: FixtureRunWithIncidents[] = []) {
  return { ...resultOf(run), finished: [run], killed } satisfies WorkloadRun;
}

/** `url` with its host and port replaced (a proxy's). */
export function viaPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString().replace(/\/$/, '');
}

/**
 * A consumer killed mid-work and started again: ROLE=first runs until it prints `HOLDING` and is
 * killed with SIGKILL; ROLE=second, same environment, runs to the end.
 */
export async function killedThenRestarted(
  fixture: string,
  mode: Mode,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<WorkloadRun> {
  const first = startWorkload(fixture, mode, { ...env, ROLE: 'first' }, timeoutMs);
  await first.waitForOutput('HOLDING');
  first.kill('SIGKILL');
  const killed = await first.done;
  const second = await startWorkload(fixture, mode, { ...env, ROLE: 'second' }, timeoutMs).done;
  return oneProcess(second, [killed]);
}
