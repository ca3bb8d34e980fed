export * from './attributes.js';
export { ConfluentKafkaInstrumentation, SUPPORTED_VERSIONS } from './instrumentation.js';
export { type ProcessMessageOptions, processMessage } from './process-message.js';
export type {
  ConfluentKafkaInstrumentationConfig,
  ConsumedMessage,
  KafkaConsumerHookInfo,
  KafkaHeaders,
  KafkaHeaderValue,
  KafkaProducerHookInfo,
  ProducerMessage,
  RdKafkaHeaders,
  RdKafkaMessage,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
