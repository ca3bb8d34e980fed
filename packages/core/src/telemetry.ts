import type { Tracer } from '@opentelemetry/api';
import type { MessagingMetrics } from './metrics.js';
import type { Pipelines } from './pipelines/pipelines.js';
import { processWide } from './process-wide.js';
import type { MessagingSemconv } from './semconv-stability.js';

/**
 * What a broker package's telemetry reads from its instrumentation, always current: a new tracer
 * or meter provider, or `setConfig`, takes effect on the next call without re-creating anything.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface TelemetrySource<Config> {
  tracer(): Tracer;
  metrics(): MessagingMetrics;
  config(): Config;
  /** The conventions' names to emit, resolved when the instrumentation was configured. */
  semconv(): MessagingSemconv;
  /** Pathways and pipeline metrics, or undefined when the config turned them off. */
  pipelines(): Pipelines | undefined;
}

/**
 * The base of every broker package's `telemetry.ts`, the one place that decides what spans and
 * metrics a library call produces. The instrumentation creates it (`createTelemetry`) and
 * publishes it process-wide while enabled, so the package's per-message helpers find it.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export abstract class MessagingTelemetry<Config> {
  constructor(private readonly source: TelemetrySource<Config>) {}

  tracer(): Tracer {
    return this.source.tracer();
  }

  metrics(): MessagingMetrics {
    return this.source.metrics();
  }

  config(): Config {
    return this.source.config();
  }

  semconv(): MessagingSemconv {
    return this.source.semconv();
  }

  pipelines(): Pipelines | undefined {
    return this.source.pipelines();
  }
}

/**
 * The process-wide slot holding an enabled instrumentation's telemetry.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface TelemetrySlot<Telemetry> {
  current: Telemetry | undefined;
}

/**
 * The slot where the enabled instrumentation named `instrumentationName` (its package name)
 * publishes its telemetry. One per process, however many copies of the package are loaded: the
 * register entry's CommonJS copy and the application's ES module copy of a per-message helper
 * see the same one. Look it up once per module, read `current` per call.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function telemetrySlot<Telemetry>(instrumentationName: string): TelemetrySlot<Telemetry> {
  return processWide(
    `msgtrace.${instrumentationName}.telemetry`,
    (): TelemetrySlot<Telemetry> => ({ current: undefined }),
  );
}
