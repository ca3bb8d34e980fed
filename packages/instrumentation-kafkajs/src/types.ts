import type { KafkaInstrumentationConfig } from '@msgtrace/kafka-shared';

export type {
  ConsumedMessage,
  KafkaConsumerHookInfo,
  KafkaHeaders,
  KafkaHeaderValue,
  KafkaProducerHookInfo,
  ProducerMessage,
} from '@msgtrace/kafka-shared';

/**
 * Configuration of {@link KafkaJsInstrumentation}: the options every msgtrace instrumentation
 * shares (see `@msgtrace/core`), with hooks typed for Kafka messages. The same options as
 * `@msgtrace/instrumentation-confluent-kafka`'s.
 */
export interface KafkaJsInstrumentationConfig extends KafkaInstrumentationConfig {}
