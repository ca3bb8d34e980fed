export {
  ATTR_MSGTRACE_SQS_CONTEXT_CARRIER,
  ATTR_MSGTRACE_SQS_ENTRY_ID,
  ATTR_MSGTRACE_SQS_FAILED_COUNT,
  ATTR_MSGTRACE_SQS_INJECTION_SKIPPED,
  ATTR_MSGTRACE_SQS_SENDER_FAULT,
  EVENT_SQS_ENTRY_FAILED,
  EVENT_SQS_INJECTION_SKIPPED,
} from './attributes.js';
export {
  AwsSqsInstrumentation,
  INSTRUMENTED_MODULE,
  SUPPORTED_SQS_CONSUMER_VERSIONS,
  SUPPORTED_VERSIONS,
} from './instrumentation.js';
export type { LambdaSqsRecord } from './lambda-record.js';
export { type ProcessMessageOptions, processMessage, processMessages } from './process-message.js';
export type {
  AwsSqsInstrumentationConfig,
  SqsMessage,
  SqsReceiveHookInfo,
  SqsSendHookInfo,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
