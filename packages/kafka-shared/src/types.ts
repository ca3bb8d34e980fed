import type { MessagingInstrumentationConfig } from '@msgtrace/core';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * The parts of the KafkaJS API's types msgtrace reads (kafkajs and the Confluent client's
 * `KafkaJS` namespace share them), declared structurally so no client version's declarations
 * leak into the public types.
 */
export type KafkaHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type KafkaHeaders = Record<string, KafkaHeaderValue>;

/** A message as given to `producer.send`. */
export interface ProducerMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  headers?: KafkaHeaders | undefined;
  timestamp?: string;
}

/** A message as the KafkaJS API hands it to `eachMessage` / `eachBatch`. */
export interface ConsumedMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers?: KafkaHeaders | undefined;
}

/** What `producerHook` receives with each producer span. */
export interface KafkaProducerHookInfo {
  topic: string;
  /** The messages of this topic in the call, as the caller gave them (do not mutate). */
  messages: readonly ProducerMessage[];
}

/** What `consumerHook` receives with each `process` span. */
export interface KafkaConsumerHookInfo {
  topic: string;
  partition: number;
  /** The one message (`eachMessage`, `processMessage`), or undefined for a whole batch. */
  message: ConsumedMessage | undefined;
  /** The batch's messages for `eachBatch`. */
  messages: readonly ConsumedMessage[];
}

/**
 * Configuration of msgtrace's Kafka instrumentations: the options every msgtrace instrumentation
 * shares (see `@msgtrace/core`), with hooks typed for Kafka messages.
 */
export interface KafkaInstrumentationConfig
  extends InstrumentationConfig,
    MessagingInstrumentationConfig<KafkaProducerHookInfo, KafkaConsumerHookInfo> {}
