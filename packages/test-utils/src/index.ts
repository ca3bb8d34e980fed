export {
  assertSpan,
  childrenOf,
  type ExpectedAttributes,
  type ExpectedLink,
  type ExpectedSpan,
  formatSpanTree,
  onlySpan,
  spansNamed,
} from './assertions.js';
export { callThroughMiddleware, type Middleware, type MiddlewareArgs } from './aws-middleware.js';
export {
  BROKEN_EXPORTER_QUEUE,
  BROKEN_PIPELINES,
  type BrokenPipeline,
} from './broken-pipeline.js';
export { type ChildOutput, type ChildOutputOptions, childOutput } from './child-output.js';
export {
  type FixtureOptions,
  type FixtureResult,
  type RunningFixture,
  runFixture,
  startFixture,
} from './fixture.js';
export { setupTestTelemetry, type TestTelemetry, type TestTelemetryOptions } from './in-memory.js';
export {
  type FixtureIncidents,
  type FixtureRunWithIncidents,
  type RunningWithIncidents,
  runWithIncidents,
  startWithIncidents,
} from './incidents.js';
export { withoutLibraryWarnings } from './library-warnings.js';
export { uniqueFifoQueueName, uniqueName } from './names.js';
export { fromOtlpJson, type OtlpTracesRequest, type ReceivedSpan } from './otlp-json.js';
export {
  fromOtlpMetricsJson,
  latestPoints,
  type OtlpMetricsRequest,
  type ReceivedMetricPoint,
} from './otlp-metrics.js';
export { OtlpReceiver, type OtlpReceiverOptions } from './otlp-receiver.js';
export {
  type InstrumentationLike,
  type InstrumentationPackage,
  itHasAPackageIdentity,
} from './package-identity.js';
export type { PlainDataPoint, PlainHistogram, PlainMetric } from './plain-metric.js';
export {
  type PlainEvent,
  type PlainLink,
  type PlainSpan,
  type PlainSpanContext,
  toPlainSpan,
} from './plain-span.js';
export { type GlobalSdk, registerGlobalSdk, type SamplerName, samplerFor } from './sdk.js';
export {
  assertUnharmedByThrowingTelemetry,
  runUnderThrowingTelemetry,
  type ThrowingRun,
  type ThrowingTelemetryRuns,
} from './throwing-telemetry.js';
