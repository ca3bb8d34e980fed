import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, stateFile } from './paths.js';

const composeFile = join(repoRoot, 'docker-compose.yml');
const markerFile = () => stateFile('docker.started-here');

/** True when a Docker engine answers (a docker client alone is not enough). */
export function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 10_000,
  });
  return result.status === 0;
}

function compose(args: string[]): void {
  const result = spawnSync('docker', ['compose', '-f', composeFile, ...args], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`docker compose ${args.join(' ')} failed`);
}

/**
 * Starts the compose services. Readiness is then proven by the same round trips as for native
 * brokers, not by the images' healthchecks, which only say a port answers.
 */
export function composeUp(): void {
  compose(['up', '-d', 'kafka', 'rabbitmq', 'elasticmq', 'kinesalite', 'jaeger']);
  writeFileSync(markerFile(), `${new Date().toISOString()}\n`);
}

export function composeStartedHere(): boolean {
  return existsSync(markerFile());
}

export function composeDown(): boolean {
  if (!composeStartedHere()) return false;
  compose(['down', '--volumes']);
  rmSync(markerFile(), { force: true });
  return true;
}
