export { type BundledInstrumentation, INSTRUMENTATIONS } from './instrumentations.js';

/**
 * The packages `@msgtrace/auto` enables together: the four brokers (Kafka through kafkajs or the
 * Confluent client) and worker pools.
 */
export const INSTRUMENTATION_PACKAGES = [
  '@msgtrace/instrumentation-kafkajs',
  '@msgtrace/instrumentation-confluent-kafka',
  '@msgtrace/instrumentation-aws-sqs',
  '@msgtrace/instrumentation-amqplib',
  '@msgtrace/instrumentation-aws-kinesis',
  '@msgtrace/instrumentation-worker-pools',
] as const;
