import { processWide } from '@msgtrace/core';
import type { AmqpTelemetry } from './telemetry.js';

interface SharedState {
  telemetry: AmqpTelemetry | undefined;
  tracer: (() => import('@opentelemetry/api').Tracer) | undefined;
}

// Process-wide so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
export function sharedState(): SharedState {
  return processWide(
    'msgtrace.instrumentation-amqplib.state',
    (): SharedState => ({ telemetry: undefined, tracer: undefined }),
  );
}
