import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Cuts every TCP connection process `pid` has to `port`, as a dead network path would (the
 * kernel aborts the sockets: the app sees ECONNRESET / ECONNABORTED). Only that process's
 * connections: the broker and its other clients go on. Needs `ss` with socket destroying
 * (iproute2 on Linux, as root or with CAP_NET_ADMIN), as on the CI machines; returns how many
 * connections it cut.
 */
export async function cutConnections(pid: number, port: number): Promise<number> {
  const { stdout } = await run('ss', ['-tnpH', 'state', 'established', 'dst', `127.0.0.1:${port}`]);
  const localPorts = stdout
    .split('\n')
    .filter((line) => line.includes(`pid=${pid},`))
    .map((line) => line.trim().split(/\s+/)[2]?.split(':').pop())
    .filter((p): p is string => p !== undefined);
  for (const local of localPorts) {
    await run('ss', ['-K', '-tn', 'dst', `127.0.0.1:${port}`, 'sport', '=', `:${local}`]);
  }
  return localPorts.length;
}
