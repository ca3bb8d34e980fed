import { dirname, join } from 'node:path';
import { afterAll, jest } from '@jest/globals';
import { brokerEndpoints, emulatorCredentials } from '@msgtrace/brokers';
import {
  AwsSqsInstrumentation,
  type AwsSqsInstrumentationConfig,
} from '@msgtrace/instrumentation-aws-sqs';
import {
  setupTestTelemetry,
  type TestTelemetry,
  uniqueFifoQueueName,
  uniqueName,
} from '@msgtrace/test-utils';

type ClientSqs = typeof import('@aws-sdk/client-sqs');
type SQSClient = import('@aws-sdk/client-sqs').SQSClient;

const endpoints = brokerEndpoints();

/**
 * @aws-sdk/client-sqs instrumented in this Jest process: Jest's registry hides modules from the
 * loader hook, so the suite instruments the module it loaded (the same patch the hook applies).
 * The register entry itself is tested out of process.
 */
export interface InstrumentedSqs {
  telemetry: TestTelemetry;
  instrumentation: AwsSqsInstrumentation;
  sdk: ClientSqs;
  /** An instrumented client (destroyed after the suite). */
  client(): SQSClient;
  /** A fresh queue (deleted after the suite), through a bare client; returns its URL. */
  queue(prefix: string, options?: { fifo?: boolean }): Promise<string>;
  /** A client of a separate, never instrumented SDK: "someone else's" sender. */
  bareClient(): SQSClient;
}

function clientOf(sdk: ClientSqs): SQSClient {
  return new sdk.SQSClient({
    endpoint: endpoints.sqsEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
  });
}

/** A separately loaded, never instrumented @aws-sdk/client-sqs. */
export function bareSqsSdk(): ClientSqs {
  let isolated: ClientSqs | undefined;
  jest.isolateModules(() => {
    isolated = require('@aws-sdk/client-sqs') as ClientSqs;
  });
  if (!isolated) throw new Error('could not load an isolated @aws-sdk/client-sqs');
  return isolated;
}

export function instrumentSqs(config: AwsSqsInstrumentationConfig = {}): InstrumentedSqs {
  const telemetry = setupTestTelemetry();
  const instrumentation = new AwsSqsInstrumentation(config);
  const sdk = require('@aws-sdk/client-sqs') as ClientSqs;
  instrumentation.instrumentModule('@aws-sdk/client-sqs', sdk);
  const bare = bareSqsSdk();
  const admin = clientOf(bare);
  const clients: SQSClient[] = [admin];
  const queues: string[] = [];
  afterAll(async () => {
    await Promise.allSettled(
      queues.map((QueueUrl) => admin.send(new bare.DeleteQueueCommand({ QueueUrl }))),
    );
    for (const client of clients) client.destroy();
    instrumentation.disable();
    await telemetry.shutdown();
  });
  return {
    telemetry,
    instrumentation,
    sdk,
    client() {
      const client = clientOf(sdk);
      clients.push(client);
      return client;
    },
    bareClient() {
      const client = clientOf(bare);
      clients.push(client);
      return client;
    },
    async queue(prefix, options = {}) {
      const name = options.fifo ? uniqueFifoQueueName(prefix) : uniqueName(prefix);
      const { QueueUrl } = await admin.send(
        new bare.CreateQueueCommand({
          QueueName: name,
          Attributes: options.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {},
        }),
      );
      if (!QueueUrl) throw new Error(`no URL for queue ${name}`);
      queues.push(QueueUrl);
      return QueueUrl;
    },
  };
}

/** The queue name in a queue URL, as spans name it. */
export const queueName = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/** sqs-consumer's Consumer module, instrumented like the hook would (its file is not exported). */
export function instrumentSqsConsumer(instrumentation: AwsSqsInstrumentation): void {
  const dir = dirname(require.resolve('sqs-consumer'));
  instrumentation.instrumentModule('sqs-consumer', require(join(dir, 'consumer.js')));
}
