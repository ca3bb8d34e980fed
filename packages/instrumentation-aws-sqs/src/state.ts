import { processWide } from '@msgtrace/core';
import type { Tracer } from '@opentelemetry/api';
import type { SqsTelemetry } from './telemetry.js';

interface SharedState {
  telemetry: SqsTelemetry | undefined;
  tracer: (() => Tracer) | undefined;
}

// Process-wide so the CommonJS copy the register entry loads and an ES module copy the
// application imports `processMessage` from see the same instrumentation.
export function sharedState(): SharedState {
  return processWide(
    'msgtrace.instrumentation-aws-sqs.state',
    (): SharedState => ({ telemetry: undefined, tracer: undefined }),
  );
}
