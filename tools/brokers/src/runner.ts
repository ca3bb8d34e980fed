import { existsSync, readFileSync } from 'node:fs';
import type { BrokerName, NativeBroker, StartOptions } from './broker.js';
import { composeDown, composeStartedHere, composeUp, dockerEngineAnswers } from './docker.js';
import { type BrokerEndpoints, brokerEndpoints } from './endpoints.js';
import { withLock } from './lock.js';
import { elasticmq } from './native/elasticmq.js';
import { kafka } from './native/kafka.js';
import { kinesalite } from './native/kinesalite.js';
import { rabbitmq } from './native/rabbitmq.js';
import { logFile, portOpen, sleep } from './processes.js';

export const NATIVE_BROKERS: readonly NativeBroker[] = [kafka, rabbitmq, elasticmq, kinesalite];

/**
 * `auto` uses Docker when an engine answers and native processes otherwise; `external` starts
 * nothing and only checks that every broker accepts work.
 */
export type RunnerMode = 'auto' | 'docker' | 'native' | 'external';

export interface BrokerReport {
  name: BrokerName;
  software: string;
  state: 'already running' | 'started' | 'started with docker' | 'external';
  /** Milliseconds from the start of `up` until the broker passed its round trip. */
  readyMs: number;
  /** Whether this start had to fetch jars first (a cold start). */
  fetched: boolean;
}

export function runnerMode(env: NodeJS.ProcessEnv = process.env): RunnerMode {
  const mode = (env.MSGTRACE_BROKERS ?? 'auto').trim() || 'auto';
  if (mode === 'auto' || mode === 'docker' || mode === 'native' || mode === 'external') return mode;
  throw new Error(`MSGTRACE_BROKERS must be auto, docker, native or external, not "${mode}"`);
}

async function untilReady(
  broker: NativeBroker,
  endpoints: BrokerEndpoints,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await broker.probe(endpoints);
      return;
    } catch (error) {
      lastError = error;
      await sleep(500);
    }
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`${broker.software} did not accept work within ${timeoutMs / 1000}s: ${reason}`);
}

async function readyNow(broker: NativeBroker, endpoints: BrokerEndpoints): Promise<boolean> {
  try {
    await broker.probe(endpoints);
    return true;
  } catch {
    return false;
  }
}

function logTail(broker: NativeBroker): string {
  const names: Record<BrokerName, string> = {
    kafka: 'kafka',
    sqs: 'elasticmq',
    kinesis: 'kinesalite',
    rabbitmq: 'rabbitmq',
  };
  const file = logFile(names[broker.name]);
  if (!existsSync(file)) return '';
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20);
  return `\n  last lines of ${file}:\n    ${lines.join('\n    ')}`;
}

async function upOne(
  broker: NativeBroker,
  endpoints: BrokerEndpoints,
  mode: RunnerMode,
  startedAt: number,
  options: StartOptions,
): Promise<BrokerReport> {
  const report = (state: BrokerReport['state'], fetched = false): BrokerReport => ({
    name: broker.name,
    software: broker.software,
    state,
    readyMs: Date.now() - startedAt,
    fetched,
  });
  if (mode === 'external' || mode === 'docker') {
    await untilReady(broker, endpoints, mode === 'docker' ? 120_000 : 30_000);
    return report(mode === 'docker' ? 'started with docker' : 'external');
  }
  if (await readyNow(broker, endpoints)) return report('already running');
  const { host, port } = broker.address(endpoints);
  if (await portOpen(host, port)) {
    // Something already listens there (still starting, or busy): starting another would only
    // fight it for the port, so give it time to accept work instead.
    await untilReady(broker, endpoints, 60_000);
    return report('already running');
  }
  try {
    const { fetched } = await broker.start(endpoints, options);
    await untilReady(broker, endpoints, 180_000);
    return report('started', fetched);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${broker.name}: ${message}${logTail(broker)}`);
  }
}

/** Which brokers `up` looks after, and how it starts them. */
export interface UpOptions extends StartOptions {
  /** Only these brokers (natively), e.g. the one a fault scenario stopped; default all four. */
  only?: readonly BrokerName[];
}

/** Makes sure every broker accepts work, starting what is missing. Idempotent. */
export async function up(
  endpoints: BrokerEndpoints = brokerEndpoints(),
  requested: RunnerMode = runnerMode(),
  { only, ...start }: UpOptions = {},
): Promise<BrokerReport[]> {
  return withLock(async () => {
    const startedAt = Date.now();
    let mode = requested;
    if (mode === 'auto') mode = !only && dockerEngineAnswers() ? 'docker' : 'native';
    if (mode === 'docker') {
      const ready = await Promise.all(NATIVE_BROKERS.map((b) => readyNow(b, endpoints)));
      if (!ready.every(Boolean)) composeUp();
    }
    const brokers = NATIVE_BROKERS.filter((b) => !only || only.includes(b.name));
    const results = await Promise.allSettled(
      brokers.map((broker) => upOne(broker, endpoints, mode, startedAt, start)),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      throw new Error(
        `brokers not ready:\n${failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n')}`,
      );
    }
    return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  });
}

/**
 * Stops exactly what this runner started (native processes, or the compose project). `only`
 * narrows it to some native brokers, e.g. those one `up` call reported as started, and leaves
 * the compose project alone.
 */
export async function down(only?: readonly BrokerName[]): Promise<string[]> {
  return withLock(async () => {
    const stopped: string[] = [];
    for (const broker of NATIVE_BROKERS) {
      if (only && !only.includes(broker.name)) continue;
      if (await broker.stop()) stopped.push(broker.software);
    }
    if (!only && composeDown()) stopped.push('docker compose services');
    return stopped;
  });
}

export interface BrokerStatus {
  name: BrokerName;
  software: string;
  ready: boolean;
  startedBy: 'this runner' | 'docker compose (this runner)' | 'someone else' | 'nobody';
}

export async function status(
  endpoints: BrokerEndpoints = brokerEndpoints(),
): Promise<BrokerStatus[]> {
  return Promise.all(
    NATIVE_BROKERS.map(async (broker) => {
      const ready = await readyNow(broker, endpoints);
      let startedBy: BrokerStatus['startedBy'] = ready ? 'someone else' : 'nobody';
      if (broker.startedHere()) startedBy = 'this runner';
      else if (ready && composeStartedHere()) startedBy = 'docker compose (this runner)';
      return { name: broker.name, software: broker.software, ready, startedBy };
    }),
  );
}
