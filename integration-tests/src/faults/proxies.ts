import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { type AddressInfo, createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a shared broker: the fault suite cuts its client's connections here,
 * never the broker's other clients'.
 */
export interface TcpProxy {
  port: number;
  /** Destroys every open connection, both ways, as a dead network path would. */
  cutAll(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: targetHost, port: targetPort });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cutAll() {
      const count = open.size;
      for (const socket of open) socket.destroy();
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One request through the HTTP fault proxy, as its rule sees it. */
export interface ProxiedRequest {
  /** 1 for the first request the proxy saw, and so on. */
  index: number;
  /** The AWS operation, from the `x-amz-target` header (`SendMessage`, `GetRecords`…). */
  operation: string;
  body: string;
}

/**
 * What the proxy does with a request: pass it on; answer it with an error of its own without
 * passing it on; drop the connection before passing it on; or pass it on and drop the
 * connection instead of answering (the broker did the work, the client never hears of it).
 */
export type ProxyAction =
  | 'pass'
  | 'cut-before'
  | 'cut-after'
  | { status: number; type: string; message: string };

export interface HttpFaultProxy {
  endpoint: string;
  /** What happened to each request, in order: `SendMessage pass`, `GetRecords 400`… */
  log: string[];
  close(): Promise<void>;
}

/**
 * An HTTP/1.1 proxy in front of an AWS emulator (ElasticMQ, kinesalite) that fails, throttles or
 * cuts the requests `rule` picks, answering errors in the AWS JSON protocol's shape so the SDK
 * classifies them as the real service's (5xx and throttling are retried, the rest thrown).
 */
export async function startHttpFaultProxy(
  target: string,
  rule: (request: ProxiedRequest) => ProxyAction,
): Promise<HttpFaultProxy> {
  const targetUrl = new URL(target);
  const log: string[] = [];
  let index = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1);
      index += 1;
      const action = rule({ index, operation, body: body.toString('utf8') });
      log.push(`${operation} ${typeof action === 'string' ? action : action.status}`);
      if (action === 'cut-before') {
        req.socket.destroy();
        return;
      }
      if (typeof action === 'object') {
        const answer = JSON.stringify({ __type: action.type, message: action.message });
        res.writeHead(action.status, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': action.type,
          'x-amzn-query-error': `${action.type};Sender`,
          'content-length': Buffer.byteLength(answer),
        });
        res.end(answer);
        return;
      }
      const upstream = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            if (action === 'cut-after') {
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
