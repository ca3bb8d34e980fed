/** The broker packages `@msgtrace/auto` enables together; the register entries come with their issue. */
export const INSTRUMENTATION_PACKAGES = [
  '@msgtrace/instrumentation-kafkajs',
  '@msgtrace/instrumentation-aws-sqs',
  '@msgtrace/instrumentation-amqplib',
  '@msgtrace/instrumentation-aws-kinesis',
] as const;
