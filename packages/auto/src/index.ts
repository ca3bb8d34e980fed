export { type BundledInstrumentation, INSTRUMENTATIONS } from './instrumentations.js';

/** The broker packages `@msgtrace/auto` enables together. */
export const INSTRUMENTATION_PACKAGES = [
  '@msgtrace/instrumentation-kafkajs',
  '@msgtrace/instrumentation-aws-sqs',
  '@msgtrace/instrumentation-amqplib',
  '@msgtrace/instrumentation-aws-kinesis',
] as const;
