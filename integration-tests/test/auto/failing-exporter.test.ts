import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

/** A port where nothing listens, and a server that accepts connections and never answers. */
let closedPort = 0;
let blackhole: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  blackhole = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => blackhole.close(resolve));
});

describe('an exporter endpoint that fails', () => {
  const apps = withReceiver();

  // Wall time is not asserted (timings belong in bench/): a hang fails through Jest's timeout,
  // and the capped flush shows in what the entry says on stderr.
  it('refusing connections: the app runs and exits normally', async () => {
    const queue = uniqueName('auto-refused');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { QUEUE: queue, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}` },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: 'hello' });
  });

  it('never answering: exit is held up by at most the shutdown timeout', async () => {
    const port = (blackhole.address() as { port: number }).port;
    const result = await apps.run(fixture('auto/fixtures/make-span.cjs'), {
      require: [AUTO],
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        MSGTRACE_SHUTDOWN_TIMEOUT_MS: '1000',
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('done\n');
    expect(result.stderr).toContain('took over 1000 ms');
  });
});
