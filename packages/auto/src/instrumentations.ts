/** One broker package that `@msgtrace/auto/register` enables. */
export interface BundledInstrumentation {
  /**
   * The name the environment switches use: `MSGTRACE_<NAME>_ENABLED` and the
   * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` / `OTEL_NODE_DISABLED_INSTRUMENTATIONS` lists.
   */
  name: 'kafkajs' | 'confluent-kafka' | 'aws-sqs' | 'amqplib' | 'aws-kinesis' | 'worker-pools';
  /** The package, whose `register` entry does the work. */
  packageName: string;
}

/**
 * The four brokers' packages (Kafka has two: kafkajs and the Confluent client) and the worker-pool one (context into piscina and tinypool workers),
 * in the order their register entries load.
 */
export const INSTRUMENTATIONS: readonly BundledInstrumentation[] = [
  { name: 'kafkajs', packageName: '@msgtrace/instrumentation-kafkajs' },
  { name: 'confluent-kafka', packageName: '@msgtrace/instrumentation-confluent-kafka' },
  { name: 'aws-sqs', packageName: '@msgtrace/instrumentation-aws-sqs' },
  { name: 'amqplib', packageName: '@msgtrace/instrumentation-amqplib' },
  { name: 'aws-kinesis', packageName: '@msgtrace/instrumentation-aws-kinesis' },
  { name: 'worker-pools', packageName: '@msgtrace/instrumentation-worker-pools' },
];
