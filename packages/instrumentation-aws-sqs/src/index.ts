export {
  AwsSqsInstrumentation,
  INSTRUMENTED_MODULE,
  SUPPORTED_SQS_CONSUMER_VERSIONS,
  SUPPORTED_VERSIONS,
} from './instrumentation.js';
export type { LambdaSqsRecord } from './lambda-record.js';
export { type ProcessMessageOptions, processMessage, processMessages } from './process-message.js';
export {
  ATTR_MSGTRACE_SQS_CONTEXT_CARRIER,
  ATTR_MSGTRACE_SQS_FAILED_COUNT,
  ATTR_MSGTRACE_SQS_INJECTION_SKIPPED,
  EVENT_SQS_ENTRY_FAILED,
  EVENT_SQS_INJECTION_SKIPPED,
} from './telemetry.js';
export type {
  AwsSqsInstrumentationConfig,
  SqsMessage,
  SqsReceiveHookInfo,
  SqsSendHookInfo,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
