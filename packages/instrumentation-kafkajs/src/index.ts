export * from './attributes.js';
export { KafkaJsInstrumentation, SUPPORTED_VERSIONS } from './instrumentation.js';
export { type ProcessMessageOptions, processMessage } from './process-message.js';
export type {
  ConsumedMessage,
  KafkaConsumerHookInfo,
  KafkaHeaders,
  KafkaHeaderValue,
  KafkaJsInstrumentationConfig,
  KafkaProducerHookInfo,
  ProducerMessage,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
