/**
 * The workspace's library packages: what an application installs to use one instrumentation
 * class with its own SDK (core, the Kafka model and the instrumentations). The register-entry
 * packages (`@msgtrace/sdk-bootstrap`, `@msgtrace/auto`) are not among them.
 */
export const LIBRARY_PACKAGES: readonly string[] = [
  '@msgtrace/core',
  '@msgtrace/kafka-shared',
  '@msgtrace/instrumentation-kafkajs',
  '@msgtrace/instrumentation-confluent-kafka',
  '@msgtrace/instrumentation-aws-sqs',
  '@msgtrace/instrumentation-amqplib',
  '@msgtrace/instrumentation-aws-kinesis',
  '@msgtrace/instrumentation-worker-pools',
];
