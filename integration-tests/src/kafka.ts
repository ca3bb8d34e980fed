import { afterAll, jest } from '@jest/globals';
import {
  KafkaJsInstrumentation,
  type KafkaJsInstrumentationConfig,
} from '@msgtrace/instrumentation-kafkajs';
import { setupTestTelemetry, type TestTelemetry, uniqueName } from '@msgtrace/test-utils';
import type { Consumer, EachBatchPayload, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import { endpoints } from './clients';

type KafkaJs = typeof import('kafkajs');

/**
 * kafkajs instrumented in this Jest process. Jest loads modules through its own registry, where
 * the require hook never fires, so the suite instruments its kafkajs module explicitly (the same
 * patches the hook applies); the register entry itself is tested out of process.
 */
export interface InstrumentedKafka {
  telemetry: TestTelemetry;
  instrumentation: KafkaJsInstrumentation;
  kafkajs: KafkaJs;
  kafka: Kafka;
}

/** Sets up telemetry and the instrumentation for one suite, and tears both down after it. */
export function instrumentKafka(config: KafkaJsInstrumentationConfig = {}): InstrumentedKafka {
  const telemetry = setupTestTelemetry();
  const instrumentation = new KafkaJsInstrumentation(config);
  const kafkajs = require('kafkajs') as KafkaJs;
  instrumentation.instrumentModule('kafkajs', kafkajs);
  afterAll(async () => {
    instrumentation.disable();
    await telemetry.shutdown();
  });
  return { telemetry, instrumentation, kafkajs, kafka: newKafka(kafkajs, 'msgtrace-test') };
}

/** A kafkajs module of its own, never instrumented: the "someone else's producer" of a test. */
export function bareKafkaJs(): KafkaJs {
  let isolated: KafkaJs | undefined;
  jest.isolateModules(() => {
    isolated = require('kafkajs') as KafkaJs;
  });
  if (!isolated) throw new Error('could not load an isolated kafkajs');
  return isolated;
}

export function newKafka(kafkajs: KafkaJs, clientId: string): Kafka {
  return new kafkajs.Kafka({
    clientId,
    brokers: endpoints.kafkaBrokers,
    logLevel: kafkajs.logLevel.NOTHING,
  });
}

export async function createTopic(
  kafka: Kafka,
  prefix: string,
  numPartitions = 1,
): Promise<string> {
  const topic = uniqueName(prefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

/** A connected consumer subscribed from the beginning, in a group of its own. */
export async function subscribedConsumer(kafka: Kafka, topics: string[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: uniqueName('group') });
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  return consumer;
}

/**
 * Runs `eachMessage` until `count` messages arrived (the handler may throw: kafkajs redelivers),
 * then stops the consumer. Resolves with the messages as the handler saw them, in arrival order.
 */
export async function consumeEachMessage(
  consumer: Consumer,
  count: number,
  handler: (payload: EachMessagePayload) => Promise<void> | void = () => undefined,
): Promise<EachMessagePayload[]> {
  const seen: EachMessagePayload[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async (payload) => {
          await handler(payload);
          seen.push(payload);
          if (seen.length === count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}

/** Runs `eachBatch` until `count` messages arrived, then stops the consumer. */
export async function consumeEachBatch(
  consumer: Consumer,
  count: number,
  handler: (payload: EachBatchPayload) => Promise<void>,
): Promise<KafkaMessage[]> {
  const seen: KafkaMessage[] = [];
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachBatch: async (payload) => {
          await handler(payload);
          seen.push(...payload.batch.messages);
          if (seen.length >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return seen;
}
