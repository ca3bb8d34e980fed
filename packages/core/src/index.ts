export {
  type AwsCall,
  type AwsHandler,
  type AwsHandlerArgs,
  type AwsHandlerContext,
  type AwsHandlerOutput,
  type AwsInitializeMiddleware,
  awsEndpointOf,
  instrumentAwsClient,
  invokeAwsCall,
  requestIdOf,
  restoreAwsClient,
} from './aws-client.js';
export {
  DEFAULT_JSON_BODY_KEY,
  injectIntoJsonBody,
  type JsonBodyCarrierMemo,
  type JsonBodyData,
  type JsonBodyInjectOptions,
  type JsonBodyInjectResult,
  type JsonBodyReadOptions,
  type JsonBodyReadResult,
  type JsonBodySkipReason,
  jsonBodyCarrierMemo,
  KINESIS_MAX_RECORD_BYTES,
  type PreparedJsonBodyCarrier,
  prepareJsonBodyCarrier,
  readJsonBody,
} from './carriers/json-body.js';
export {
  injectIntoHeaders,
  MAX_HEADER_VALUE_BYTES,
  type RecordHeaders,
  recordHeadersGetter,
} from './carriers/record-headers.js';
export {
  extractSqsMessageContext,
  injectIntoSqsMessage,
  PreparedSqsCarrier,
  prepareSqsCarrier,
  SQS_MAX_MESSAGE_ATTRIBUTES,
  SQS_MAX_MESSAGE_BYTES,
  type SqsInjectOptions,
  type SqsInjectResult,
  type SqsInjectSkipReason,
  type SqsInjectVia,
  type SqsMessageAttributes,
  type SqsMessageAttributeValue,
  type SqsMessageToInject,
  type SqsReceivedMessageLike,
  sqsMessageAttributesGetter,
  sqsMessageSize,
} from './carriers/sqs-attributes.js';
export { AWS_TRACE_HEADER, formatXRayTraceHeader, parseXRayTraceHeader } from './carriers/xray.js';
export { DEFAULT_MESSAGING_CONFIG, type MessagingInstrumentationConfig } from './config.js';
export { flag, list, messagingConfigFromEnv } from './env-config.js';
export { guard, isPromiseLike, reportInternalError, runUserHook } from './guard.js';
export { type LibraryFile, MessagingInstrumentationBase } from './instrumentation-base.js';
export { type InstrumentedCall, invokeInstrumented } from './instrumented-call.js';
export {
  carryContext,
  contextFromCarrier,
  type MessageProcessing,
  processInMessageContext,
  runInCarriedContext,
  runInMessageContext,
} from './message-context.js';
export { MessagingMetrics, metricAttributes, metricAttributesOf, secondsSince } from './metrics.js';
export { hookModuleFile, loadedModuleFiles, type ModuleFileHook } from './module-hook.js';
export {
  type MessagingOperation,
  operationAttributes,
  spanKindFor,
  spanNameFor,
} from './operation.js';
export {
  DEFAULT_MAX_PATHWAYS,
  type PipelinesConfig,
  serviceNameFromEnv,
} from './pipelines/config.js';
export {
  decodePathway,
  encodePathway,
  MAX_PATHWAY_HOPS,
  PATHWAY_FIELD,
  type Pathway,
  type PathwayRef,
  pathwayHash,
  pathwayOf,
  pathwayText,
  withPathway,
} from './pipelines/pathway.js';
export {
  ATTR_MSGTRACE_PATHWAY_HOPS,
  ATTR_MSGTRACE_PATHWAY_ID,
  ATTR_MSGTRACE_PATHWAY_PARENT_ID,
  OVERFLOW_PATHWAY_ID,
  Pipelines,
} from './pipelines/pipelines.js';
export { processWide } from './process-wide.js';
export {
  contextCarrier,
  type ExtractedContext,
  extractContext,
  recordGetter,
} from './propagation.js';
export {
  DEFAULT_PROPAGATION_MODE,
  type DestinationInfo,
  type PropagationMode,
  type PropagationModeName,
  resolvePropagationMode,
} from './propagation-mode.js';
export {
  LINKS_SAMPLER_NAMES,
  type LinksSamplerName,
  linksSamplerFromEnv,
} from './sampling/from-env.js';
export {
  ParentBasedLinksSampler,
  type ParentBasedLinksSamplerOptions,
} from './sampling/links-sampler.js';
export {
  type OtSampling,
  randomnessOf,
  readOtSampling,
  withOtSampling,
} from './sampling/ot-tracestate.js';
export type { Sampler, SamplingResult } from './sampling/sampler-types.js';
export { keptAt, thresholdFor } from './sampling/threshold.js';
export * from './semconv.js';
export {
  type MessagingSemconv,
  messagingSemconv,
  SEMCONV_V1_44,
  type SemconvStabilityOptIn,
  setRenamedAttribute,
  setSystemAttribute,
} from './semconv-stability.js';
export { runSettled, type SettleObserver, whenSettled } from './settle.js';
export {
  type BatchMessage,
  defaultMaxLinks,
  errorTypeOf,
  type OperationSpanOptions,
  recordError,
  type StartedSpan,
  type StartSpanOptions,
  startBatchSpan,
  startMessageSpan,
  startOperationSpan,
} from './spans.js';
export {
  nonRecordingSpan,
  type OperationTiming,
  runOperation,
  StartedOperation,
  startBatchOperation,
  startMessageOperation,
  startOperation,
} from './started-operation.js';
export {
  MessagingTelemetry,
  type TelemetrySlot,
  type TelemetrySource,
  telemetrySlot,
} from './telemetry.js';
export { type AnyFunction, extensibleCopy, isObject } from './values.js';
export { satisfiesRange } from './version-range.js';
export {
  type MessageSource,
  type MessageTarget,
  onMessageWithContext,
  postMessageWithContext,
} from './worker-messages.js';
export { unwrapMethod, wrapMethod } from './wrap.js';
