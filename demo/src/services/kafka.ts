/**
 * The demo's Kafka hop on either client, through the KafkaJS API both have: kafkajs, or
 * `@confluentinc/kafka-javascript`'s `KafkaJS` namespace (`--kafka-client confluent`, which the
 * orchestrator passes on as DEMO_KAFKA_CLIENT). The Confluent client is loaded only when chosen:
 * its native addon is built for the Node that `npm run demo` installs with. Nothing here knows
 * about tracing: `@msgtrace/auto/register` instruments whichever client runs.
 */
import { Kafka, logLevel } from 'kafkajs';
import { endpoints } from './config.js';

export const kafkaClient = process.env.DEMO_KAFKA_CLIENT === 'confluent' ? 'confluent' : 'kafkajs';

/** What the demo's services use of a consumed message. */
export interface DemoMessage {
  value: Buffer | null;
  offset: string;
}

export interface DemoProducer {
  connect(): Promise<void>;
  send(record: { topic: string; messages: { key?: string; value: string }[] }): Promise<unknown>;
  disconnect(): Promise<void>;
}

export interface DemoConsumer {
  run(config: {
    eachBatch(payload: {
      batch: { messages: DemoMessage[] };
      resolveOffset(offset: string): void;
    }): Promise<void>;
  }): Promise<void>;
  disconnect(): Promise<void>;
}

type Confluent = typeof import('@confluentinc/kafka-javascript');

function confluentKafka(clientId: string) {
  const { KafkaJS } = require('@confluentinc/kafka-javascript') as Confluent;
  return new KafkaJS.Kafka({
    kafkaJS: { clientId, brokers: endpoints.kafkaBrokers, logLevel: KafkaJS.logLevel.NOTHING },
  });
}

function kafkajs(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: endpoints.kafkaBrokers, logLevel: logLevel.NOTHING });
}

export function kafkaProducer(clientId: string): DemoProducer {
  if (kafkaClient === 'confluent') return confluentKafka(clientId).producer() as DemoProducer;
  return kafkajs(clientId).producer();
}

/** A connected consumer of `topic`, from its beginning, in `groupId`. */
export async function kafkaConsumer(
  clientId: string,
  groupId: string,
  topic: string,
): Promise<DemoConsumer> {
  if (kafkaClient === 'confluent') {
    // The Confluent API takes fromBeginning in the consumer's config, and a list of topics.
    const consumer = confluentKafka(clientId).consumer({
      kafkaJS: { groupId, fromBeginning: true },
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    return consumer as unknown as DemoConsumer;
  }
  const consumer = kafkajs(clientId).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  return consumer as unknown as DemoConsumer;
}

/** The client's instrumentation package's `processMessage` (each has its own). */
export async function processMessageHelper(): Promise<
  <T>(message: DemoMessage, work: () => T) => T
> {
  const helper =
    kafkaClient === 'confluent'
      ? (await import('@msgtrace/instrumentation-confluent-kafka')).processMessage
      : (await import('@msgtrace/instrumentation-kafkajs')).processMessage;
  return helper as unknown as <T>(message: DemoMessage, work: () => T) => T;
}
