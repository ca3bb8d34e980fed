export {
  ATTR_MSGTRACE_CONSUMER_TAG,
  ATTR_MSGTRACE_REDELIVERED,
  ATTR_MSGTRACE_REQUEUE,
  ATTR_MSGTRACE_SETTLEMENT,
} from './attributes.js';
export {
  type AmqplibFile,
  AmqplibInstrumentation,
  SUPPORTED_VERSIONS,
} from './instrumentation.js';
export { PublishNacked } from './patches/publish.js';
export { type ProcessMessageOptions, processMessage } from './process-message.js';
export { openDeliveries, type Settlement } from './settlement.js';
export type {
  AmqpConsumeHookInfo,
  AmqplibInstrumentationConfig,
  AmqpMessage,
  AmqpPublishHookInfo,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
