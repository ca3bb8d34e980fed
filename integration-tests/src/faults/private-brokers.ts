import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { BrokerEndpoints, BrokerName } from '@msgtrace/brokers';

const CLI = join(dirname(require.resolve('@msgtrace/brokers/package.json')), 'dist/cjs/cli.js');
const STATE_DIR = join(__dirname, '..', '..', '..', '.brokers', 'faults');

/**
 * Ports of this checkout's private brokers: fixed, so a run after a crashed one finds (and
 * stops) what the crashed one left, and different per checkout (from a hash of its path), so two
 * checkouts on one machine never fight over them; all below Linux's ephemeral range (32768+),
 * where an outgoing connection could hold one. Kafka takes `base` and `base + 1` (its
 * controller), RabbitMQ `base + 2` (and `base + 6002` for Erlang distribution).
 */
function basePort(): number {
  const hash = createHash('sha256').update(STATE_DIR).digest().readUInt16BE(0);
  return 21_000 + (hash % 500) * 10;
}

const base = basePort();

/**
 * The fault suite's own brokers, beside the shared ones: the same software started by the same
 * runner (its CLI, in a child process), with a state directory and ports of their own, so a
 * scenario can stop and start a broker under its apps without touching anyone else's.
 */
export const PRIVATE_ENDPOINTS: BrokerEndpoints = {
  kafkaBrokers: [`127.0.0.1:${base}`],
  amqpUrl: `amqp://guest:guest@127.0.0.1:${base + 2}`,
  sqsEndpoint: `http://127.0.0.1:${base + 3}`,
  kinesisEndpoint: `http://127.0.0.1:${base + 4}`,
  awsRegion: 'us-east-1',
};

/** The environment that points a fixture (or the runner) at the private brokers. */
export const privateBrokerEnv = (): NodeJS.ProcessEnv => ({
  MSGTRACE_BROKERS_DIR: STATE_DIR,
  MSGTRACE_BROKERS: 'native',
  MSGTRACE_KAFKA_BROKERS: PRIVATE_ENDPOINTS.kafkaBrokers.join(','),
  MSGTRACE_AMQP_URL: PRIVATE_ENDPOINTS.amqpUrl,
  MSGTRACE_SQS_ENDPOINT: PRIVATE_ENDPOINTS.sqsEndpoint,
  MSGTRACE_KINESIS_ENDPOINT: PRIVATE_ENDPOINTS.kinesisEndpoint,
});

/** Runs the broker runner's CLI on the private brokers: `up kafka --keep-data`, `down`… */
export function privateBrokers(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...privateBrokerEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`brokers ${args.join(' ')}: ${output}`)),
    );
  });
}

/** Stops the private `broker`, runs `whileDown`, and starts it again on its old data. */
export async function restartPrivate(broker: BrokerName, whileDown: () => void): Promise<void> {
  const stopped = await privateBrokers('down', broker);
  if (!stopped.includes('stopped:')) throw new Error(`${broker} was not running: ${stopped}`);
  whileDown();
  await privateBrokers('up', broker, '--keep-data');
}
