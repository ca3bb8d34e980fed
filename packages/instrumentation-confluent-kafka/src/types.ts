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
 * Headers as the rdkafka-style API takes and gives them: a list of one-key objects, so a name may
 * repeat (`[{ traceparent: '…' }, { app: Buffer }]`).
 */
export type RdKafkaHeaders = ReadonlyArray<Readonly<Record<string, Buffer | string>>>;

/** A message as `KafkaConsumer` hands it to `data` listeners and `consume(n, cb)`. */
export interface RdKafkaMessage {
  value: Buffer | null;
  key?: Buffer | string | null | undefined;
  topic: string;
  partition: number;
  offset: number;
  /** The broker's (or producer's) timestamp, epoch milliseconds. */
  timestamp?: number | undefined;
  headers?: RdKafkaHeaders | undefined;
  size?: number | undefined;
}

/**
 * Configuration of {@link ConfluentKafkaInstrumentation}: the options every msgtrace
 * instrumentation shares (see `@msgtrace/core`), with hooks typed for Kafka messages — the same
 * options as `@msgtrace/instrumentation-kafkajs`'s. For messages of the rdkafka-style API, hooks
 * receive the KafkaJS-shaped view msgtrace reads (headers as an object, offset and timestamp as
 * strings), not the library's own object.
 */
export interface ConfluentKafkaInstrumentationConfig extends KafkaInstrumentationConfig {}
