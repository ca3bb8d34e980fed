import { join } from 'node:path';
import { freshName } from '../shared/overhead.js';

/** One broker's realistic workload, and the instrumentations compared on it. */
export interface BrokerWorkload {
  broker: string;
  title: string;
  /** Name of the uninstrumented client variant. */
  bare: string;
  workload: string;
  /**
   * The msgtrace register entry and the anchor's preload; no anchor where OpenTelemetry contrib
   * has no instrumentation for the client (the Confluent client), and no contrib runs then.
   */
  msgtrace: string;
  contrib: string | undefined;
  /** Whether the anchor carries context through this broker (contrib carries none through Kinesis). */
  contribPropagates: boolean;
  /**
   * Messages measured per run when COUNT is unset: enough that a run's count repeats to within
   * about 1 %, few enough that all four brokers finish well inside an hour on two cores. The
   * warm-up (WARMUP in env) runs before counting starts, uninstrumented and so cheap: it must be
   * long enough that V8 has optimised the hot paths, or its compiler threads dominate the count.
   * REWARM messages follow the full collections that end the warm-up (see shared/rewarm.cjs):
   * those collections discard optimised code, which must be recompiled before the window opens.
   */
  defaultCount: number;
  /**
   * Count the main thread only: for a client with native threads (librdkafka polls on timers,
   * so its threads' count follows the window's wall time under valgrind, not the work done).
   */
  mainThreadOnly?: boolean;
  /** Environment of one run: a fresh topic, queue or stream. */
  env(): NodeJS.ProcessEnv;
}

const src = join(__dirname, '..');

export const BROKERS: readonly BrokerWorkload[] = [
  {
    broker: 'kafka',
    title: 'kafkajs send (one message per call, 32 in flight) + eachMessage, 256 B messages',
    bare: 'bare kafkajs',
    workload: join(src, 'kafka', 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-kafkajs/register'),
    contrib: join(src, 'kafka', 'contrib-preload.cjs'),
    contribPropagates: true,
    defaultCount: 1_000,
    env: () => ({
      TOPIC: freshName(),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      WARMUP: '8000',
      REWARM: '8000',
    }),
  },
  {
    // The same workload through the Confluent client's KafkaJS API (librdkafka underneath). No
    // OpenTelemetry contrib instrumentation covers this client: msgtrace is held to the floor.
    broker: 'confluent',
    title:
      '@confluentinc/kafka-javascript KafkaJS API send (one message per call, 32 in flight) + eachMessage, 256 B messages',
    bare: 'bare Confluent client',
    workload: join(src, 'kafka', 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-confluent-kafka/register'),
    contrib: undefined,
    contribPropagates: false,
    mainThreadOnly: true,
    defaultCount: 1_000,
    env: () => ({ TOPIC: freshName(), KAFKA_CLIENT: 'confluent', WARMUP: '8000', REWARM: '8000' }),
  },
  {
    broker: 'rabbitmq',
    title: 'amqplib sendToQueue + consume + ack, 256 B messages',
    bare: 'bare amqplib',
    workload: join(src, 'rabbitmq', 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-amqplib/register'),
    contrib: join(src, 'rabbitmq', 'contrib-preload.cjs'),
    contribPropagates: true,
    defaultCount: 3_000,
    env: () => ({ QUEUE: freshName(), WARMUP: '10000', REWARM: '10000' }),
  },
  {
    broker: 'sqs',
    title: 'client-sqs SendMessageBatch + ReceiveMessage + DeleteMessageBatch, 256 B messages',
    bare: 'bare client-sqs',
    workload: join(src, 'sqs', 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-aws-sqs/register'),
    contrib: join(src, 'sqs', 'contrib-preload.cjs'),
    contribPropagates: true,
    defaultCount: 1_000,
    env: () => ({ QUEUE: freshName(), WARMUP: '3000', REWARM: '3000' }),
  },
  {
    broker: 'kinesis',
    title: 'client-kinesis PutRecords (batches of 100) + GetRecords, 256 B JSON records',
    bare: 'bare client-kinesis',
    workload: join(src, 'kinesis', 'workload.cjs'),
    msgtrace: require.resolve('@msgtrace/instrumentation-aws-kinesis/register'),
    contrib: join(src, 'kinesis', 'contrib-preload.cjs'),
    contribPropagates: false,
    defaultCount: 5_000,
    // Code that runs once per GetRecords (500 records) gets few calls: after a 10 000-record
    // warm-up V8 still compiled msgtrace's readRecords and startBatchSpan inside the window.
    env: () => ({ STREAM: freshName(), WARMUP: '20000', REWARM: '20000' }),
  },
];
