import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NativeBroker } from '../broker.js';
import { hostPort } from '../endpoints.js';
import { stateFile } from '../paths.js';
import { probeRabbitMq } from '../probes.js';
import { rabbitNode, startNode, stopNode } from './rabbitmq-node.js';

// rabbitmq-server daemonizes itself, so there is no pid of ours to remember: a marker file says
// that this runner was the one that started it, and only then does `down` stop it.
const markerFile = () => stateFile('rabbitmq.started-here');

/** The port of the machine's own node (Debian's configuration). */
const MACHINE_PORT = 5672;
// A RabbitMQ wanted on another port is a node of our own (e.g. the fault suite's, which it stops
// and starts under its clients); the marker file then holds its port.

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The machine's own RabbitMQ (Debian's package), started only when installed and stopped. */
export const rabbitmq: NativeBroker = {
  name: 'rabbitmq',
  software: 'RabbitMQ (the local installation)',
  address: (endpoints) => hostPort(endpoints.amqpUrl),
  probe: probeRabbitMq,
  async start(endpoints) {
    const { port } = hostPort(endpoints.amqpUrl);
    if (port !== MACHINE_PORT) {
      startNode(rabbitNode(port));
      writeFileSync(markerFile(), `${port}\n`);
      return { fetched: false };
    }
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
    const port = Number(readFileSync(markerFile(), 'utf8').trim());
    if (Number.isInteger(port) && port !== MACHINE_PORT) stopNode(rabbitNode(port));
    else spawnSync('rabbitmqctl', ['stop'], { stdio: 'ignore', timeout: 60_000 });
    rmSync(markerFile(), { force: true });
    return true;
  },
  startedHere: () => existsSync(markerFile()),
};
