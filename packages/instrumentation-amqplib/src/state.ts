import type { AmqpTelemetry } from './telemetry.js';

interface SharedState {
  telemetry: AmqpTelemetry | undefined;
  tracer: (() => import('@opentelemetry/api').Tracer) | undefined;
}

// On globalThis so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
const KEY = Symbol.for('msgtrace.instrumentation-amqplib.state');

export function sharedState(): SharedState {
  const holder = globalThis as { [KEY]?: SharedState };
  holder[KEY] ??= { telemetry: undefined, tracer: undefined };
  return holder[KEY];
}
