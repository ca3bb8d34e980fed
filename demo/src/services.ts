/**
 * Starts the demo's services as separate Node processes, each instrumented only by the register
 * entry on its command line, exporting to the orchestrator's OTLP receiver.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { KafkaClientName } from './args.js';
import type { DemoResources } from './resources.js';

export interface ServiceSpec {
  name: string;
  /** Compiled file under dist/cjs/services. */
  file: string;
  /** `--require` for CommonJS services, `--import` for ES module ones. */
  loader: '--require' | '--import';
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'fraud', file: 'fraud.mjs', loader: '--import' },
  { name: 'payments', file: 'payments.js', loader: '--require' },
  { name: 'notifier', file: 'notifier.mjs', loader: '--import' },
  { name: 'auditor', file: 'auditor.js', loader: '--require' },
  // Last: the consumers are already joining their groups and polling when orders arrive.
  { name: 'checkout', file: 'checkout.js', loader: '--require' },
];

export interface ServiceResult {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the service wrote, for when it failed. */
  output: string;
}

export interface RunOptions {
  resources: DemoResources;
  otlpEndpoint: string;
  orderCount: number;
  /** Services still running after this are sent SIGTERM. */
  timeoutMs: number;
  kafkaClient: KafkaClientName;
}

function serviceEnv(spec: ServiceSpec, options: RunOptions): NodeJS.ProcessEnv {
  const { resources } = options;
  return {
    ...process.env,
    // The standard OpenTelemetry variables, as any deployment would set them.
    OTEL_SERVICE_NAME: spec.name,
    OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // Metrics for the pathway table (a short interval; the exit flush sends the last values).
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
    OTEL_LOGS_EXPORTER: 'none',
    OTEL_BSP_SCHEDULE_DELAY: '200',
    // msgtrace: child spans everywhere, except the audit stream, whose consumers link.
    MSGTRACE_LINK_DESTINATIONS: resources.auditStream,
    // Pathways for the pathway table: opt-in, and on in every service, since a pathway only
    // survives hops that carry it (docs/pipelines.md).
    MSGTRACE_PIPELINES: 'true',
    DEMO_ORDERS_TOPIC: resources.ordersTopic,
    DEMO_PAYMENTS_QUEUE_URL: resources.paymentsQueueUrl,
    DEMO_NOTIFICATIONS_QUEUE: resources.notificationsQueue,
    DEMO_AUDIT_STREAM: resources.auditStream,
    DEMO_ORDER_COUNT: String(options.orderCount),
    DEMO_KAFKA_CLIENT: options.kafkaClient,
  };
}

function start(
  spec: ServiceSpec,
  options: RunOptions,
): { child: ChildProcess; done: Promise<ServiceResult> } {
  const script = join(__dirname, 'services', spec.file);
  const child = spawn(process.execPath, [spec.loader, '@msgtrace/auto/register', script], {
    env: serviceEnv(spec, options),
    // Preloads resolve from the working directory: the demo package, which depends on auto.
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const done = new Promise<ServiceResult>((resolve) => {
    child.on('error', (error) =>
      resolve({ name: spec.name, code: null, signal: null, output: String(error) }),
    );
    child.on('close', (code, signal) => resolve({ name: spec.name, code, signal, output }));
  });
  return { child, done };
}

/** Runs every service to its end; stragglers get SIGTERM (their SDK flushes) at the timeout. */
export async function runServices(options: RunOptions): Promise<ServiceResult[]> {
  const started = SERVICES.map((spec) => start(spec, options));
  const timer = setTimeout(() => {
    for (const { child } of started) if (child.exitCode === null) child.kill('SIGTERM');
  }, options.timeoutMs);
  try {
    return await Promise.all(started.map(({ done }) => done));
  } finally {
    clearTimeout(timer);
  }
}
