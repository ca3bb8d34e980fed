import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromOtlpJson, type OtlpTracesRequest, type ReceivedSpan } from './otlp-json.js';
import {
  fromOtlpMetricsJson,
  latestPoints,
  type OtlpMetricsRequest,
  type ReceivedMetricPoint,
} from './otlp-metrics.js';

export interface OtlpReceiverOptions {
  /** Port to listen on, on 127.0.0.1. Default: any free port. */
  port?: number;
  /**
   * Another OTLP/HTTP endpoint (base URL, e.g. Jaeger's `http://localhost:4318`) that every trace
   * request is passed on to, unchanged. Failures there are reported once and never fail a request.
   */
  forwardTo?: string;
  /** Called once when forwarding fails. */
  onForwardError?: (error: unknown) => void;
}

/**
 * A minimal OTLP/HTTP receiver for JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): keeps every
 * span it is sent, in memory, so a test or the demo can look at what real SDKs in other processes
 * exported, and every metric point (`metrics()` gives each stream's latest). Logs are accepted and
 * dropped; protobuf bodies are refused with 415 so a
 * misconfigured exporter is visible rather than silently empty.
 */
export class OtlpReceiver {
  private readonly received: ReceivedSpan[] = [];
  private readonly points: ReceivedMetricPoint[] = [];
  private readonly waiters = new Set<() => void>();
  private forwardFailed = false;
  /** Requests per path, including refused ones: `{ '/v1/traces': 3, '/v1/metrics': 1 }`. */
  readonly requests: Record<string, number> = {};

  private constructor(
    private readonly server: Server,
    private readonly options: OtlpReceiverOptions,
  ) {}

  static async start(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | undefined;
    const server = createServer((req, res) => receiver?.handle(req, res));
    receiver = new OtlpReceiver(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    return receiver;
  }

  /** The base URL, for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The environment that points an OpenTelemetry SDK here, exporting promptly. */
  exporterEnv(): NodeJS.ProcessEnv {
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: this.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    };
  }

  /** Every span received so far, in arrival order. */
  spans(): ReceivedSpan[] {
    return [...this.received];
  }

  /** The current value of every metric stream received: each one's latest (cumulative) point. */
  metrics(): ReceivedMetricPoint[] {
    return latestPoints(this.points);
  }

  /** Resolves with the spans once `done(spans)` holds; rejects after `timeoutMs`. */
  waitFor(done: (spans: ReceivedSpan[]) => boolean, timeoutMs = 30_000): Promise<ReceivedSpan[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done(this.received)) return;
        cleanup();
        resolve(this.spans());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms with ${this.received.length} spans`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests[path] = (this.requests[path] ?? 0) + 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      if (req.method !== 'POST' || !type.includes('json')) {
        res.writeHead(415, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      if (path === '/v1/traces' || path === '/v1/metrics') {
        try {
          const request: unknown = JSON.parse(body.toString('utf8'));
          if (path === '/v1/traces') {
            this.received.push(...fromOtlpJson(request as OtlpTracesRequest));
          } else {
            this.points.push(...fromOtlpMetricsJson(request as OtlpMetricsRequest));
          }
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
          return;
        }
      }
      if (path === '/v1/traces') {
        this.forward(path, type, body);
        for (const waiter of [...this.waiters]) waiter();
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  }

  private forward(path: string, type: string, body: Buffer): void {
    const base = this.options.forwardTo;
    if (!base) return;
    fetch(new URL(path, base), { method: 'POST', headers: { 'content-type': type }, body })
      .then((response) => {
        if (!response.ok) throw new Error(`${base} answered ${response.status}`);
      })
      .catch((error: unknown) => {
        if (this.forwardFailed) return;
        this.forwardFailed = true;
        this.options.onForwardError?.(error);
      });
  }
}
