/**
 * The Kafka model shared by `@msgtrace/instrumentation-kafkajs` and
 * `@msgtrace/instrumentation-confluent-kafka`: one description of Kafka calls, one telemetry, and
 * the hooks of the KafkaJS API both clients offer. Applications use those packages, not this one.
 */
export {
  addClusterId,
  type ClientInfo,
  type ConsumerInfo,
  clientIdentityAttributes,
  clientInfoFrom,
  serverOf,
} from './client-info.js';
export * from './describe.js';
export { lateClusterId } from './late-cluster-id.js';
export { instrumentConsumer } from './patches/consumer.js';
export {
  type ClientInfoSource,
  instrumentClientFactories,
  type KafkaClass,
  restoreClientFactories,
} from './patches/factories.js';
export type { KafkaHooks } from './patches/hooks.js';
export { instrumentProducer } from './patches/producer.js';
export { type ProcessMessageOptions, processMessageWith } from './process-message.js';
export { type PulledMessage, type PullTiming, recordPull } from './receive.js';
export { type BatchMessageInfo, batchMessages } from './received.js';
export { type KafkaCall, type KafkaMessageToProcess, KafkaTelemetry } from './telemetry.js';
export { prepareTransactionEnd } from './transaction-end.js';
export type {
  ConsumedMessage,
  KafkaConsumerHookInfo,
  KafkaHeaders,
  KafkaHeaderValue,
  KafkaInstrumentationConfig,
  KafkaProducerHookInfo,
  ProducerMessage,
} from './types.js';
