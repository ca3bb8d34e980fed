import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { NativeBroker } from '../broker.js';
import { hostPort } from '../endpoints.js';
import { stateFile } from '../paths.js';
import { probeRabbitMq } from '../probes.js';

// rabbitmq-server daemonizes itself, so there is no pid of ours to remember: a marker file says
// that this runner was the one that started it, and only then does `down` stop it.
const markerFile = () => stateFile('rabbitmq.started-here');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The machine's own RabbitMQ (Debian's package), started only when installed and stopped. */
export const rabbitmq: NativeBroker = {
  name: 'rabbitmq',
  software: 'RabbitMQ (the local installation)',
  address: (endpoints) => hostPort(endpoints.amqpUrl),
  probe: probeRabbitMq,
  async start() {
    if (!onPath('rabbitmq-server')) {
      throw new Error(
        'RabbitMQ is not reachable and rabbitmq-server is not installed: install it (Debian: apt-get install rabbitmq-server) or point MSGTRACE_AMQP_URL at one',
      );
    }
    const result = spawnSync('rabbitmq-server', ['-detached'], { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`rabbitmq-server -detached failed: ${result.stderr || result.stdout}`);
    }
    writeFileSync(markerFile(), `${new Date().toISOString()}\n`);
    return { fetched: false };
  },
  async stop() {
    if (!existsSync(markerFile())) return false;
    spawnSync('rabbitmqctl', ['stop'], { stdio: 'ignore', timeout: 60_000 });
    rmSync(markerFile(), { force: true });
    return true;
  },
  startedHere: () => existsSync(markerFile()),
};
