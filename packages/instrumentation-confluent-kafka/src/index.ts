export {
  ATTR_KAFKA_MESSAGE_KEY,
  ATTR_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_KAFKA_OFFSET,
  ATTR_MESSAGING_KAFKA_MESSAGE_KEY,
  ATTR_MESSAGING_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_MESSAGING_KAFKA_OFFSET,
} from './attributes.js';
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
