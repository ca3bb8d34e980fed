export {
  ATTR_MSGTRACE_CONTEXT_INJECTED,
  ATTR_MSGTRACE_CONTEXT_SKIPPED,
  ATTR_MSGTRACE_FAILED_RECORD_COUNT,
  ATTR_MSGTRACE_MILLIS_BEHIND_LATEST,
  ATTR_MSGTRACE_PARTITION_KEY,
  ATTR_MSGTRACE_RECORD_INDEX,
  EVENT_RECORD_FAILED,
} from './attributes.js';
export { DEFAULT_FOREIGN_BODY_KEYS } from './config.js';
export { kinesisConfigFromEnv } from './env-config.js';
export {
  AwsKinesisInstrumentation,
  INSTRUMENTED_MODULE,
  SUPPORTED_VERSIONS,
} from './instrumentation.js';
export { processLambdaRecord } from './lambda.js';
export { type ProcessRecordOptions, processRecord } from './process-record.js';
export type {
  AwsKinesisInstrumentationConfig,
  KinesisConsumerHookInfo,
  KinesisData,
  KinesisInjectInfo,
  KinesisProducerHookInfo,
  KinesisRecord,
  KinesisRecordInput,
  LambdaKinesisPayload,
  LambdaKinesisRecord,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
