import type { Tracer } from '@opentelemetry/api';
import type { SqsTelemetry } from './telemetry.js';

interface SharedState {
  telemetry: SqsTelemetry | undefined;
  tracer: (() => Tracer) | undefined;
}

// On globalThis so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
const KEY = Symbol.for('msgtrace.instrumentation-aws-sqs.state');

export function sharedState(): SharedState {
  const holder = globalThis as { [KEY]?: SharedState };
  holder[KEY] ??= { telemetry: undefined, tracer: undefined };
  return holder[KEY];
}
