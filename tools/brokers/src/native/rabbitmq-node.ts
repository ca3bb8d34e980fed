import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../paths.js';

/**
 * A RabbitMQ node of the runner's own, beside the machine's: its own node name, AMQP and
 * distribution ports, and directories (data, logs, Erlang cookie, no plugins) under the state
 * directory, so it can be stopped and started without touching the machine's node or its
 * clients. Debian's scripts in /usr/lib/rabbitmq/bin run it as the current user (the wrappers in
 * /usr/sbin would switch to the `rabbitmq` user, who cannot write our directories).
 */
export interface RabbitNode {
  name: string;
  port: number;
}

export function rabbitNode(port: number): RabbitNode {
  return { name: `msgtrace-${port}@localhost`, port };
}

function script(name: string): string {
  const debian = join('/usr/lib/rabbitmq/bin', name);
  return existsSync(debian) ? debian : name;
}

function nodeEnv(node: RabbitNode): NodeJS.ProcessEnv {
  const dir = join(stateDir, 'rabbitmq', String(node.port));
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const config = join(dir, 'rabbitmq.conf');
  writeFileSync(config, `listeners.tcp.local = 127.0.0.1:${node.port}\n`);
  const plugins = join(dir, 'enabled_plugins');
  writeFileSync(plugins, '[].\n');
  return {
    ...process.env,
    // The Erlang cookie lives in $HOME: ours, so the machine's node's cookie is never needed.
    HOME: home,
    RABBITMQ_NODENAME: node.name,
    RABBITMQ_NODE_PORT: String(node.port),
    // The default (port + 20000) is the machine's node's for 5672 + 10, and lands in the
    // ephemeral range for most ports: 6000 above (or below) the AMQP port instead.
    RABBITMQ_DIST_PORT: String(node.port + 6_000 <= 65_535 ? node.port + 6_000 : node.port - 6_000),
    RABBITMQ_CONFIG_FILE: config,
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    RABBITMQ_MNESIA_BASE: join(dir, 'data'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_PID_FILE: join(dir, 'pid'),
  };
}

export function startNode(node: RabbitNode): void {
  const env = nodeEnv(node);
  const result = spawnSync(script('rabbitmq-server'), ['-detached'], {
    env,
    cwd: env.HOME,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`rabbitmq-server -detached failed: ${result.stderr || result.stdout}`);
  }
}

/**
 * Stops the node and waits for its process to exit (`rabbitmqctl stop` watches the pid file);
 * a node still there after that (rabbitmqctl timed out on a busy machine) is killed, so nothing
 * outlives the marker that says it is ours.
 */
export function stopNode(node: RabbitNode): void {
  const env = nodeEnv(node);
  const pidFile = env.RABBITMQ_PID_FILE ?? '';
  spawnSync(script('rabbitmqctl'), ['-n', node.name, 'stop', pidFile], {
    env,
    cwd: env.HOME,
    stdio: 'ignore',
    timeout: 120_000,
  });
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
