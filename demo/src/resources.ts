/**
 * The run's own topic, queues and stream, created before the services start (so no service
 * races another to create them) and deleted after, whatever happened in between.
 */
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
} from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type BrokerEndpoints, emulatorCredentials } from '@msgtrace/brokers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { connect } from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';

export interface DemoResources {
  ordersTopic: string;
  paymentsQueueUrl: string;
  notificationsQueue: string;
  auditStream: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clients(endpoints: BrokerEndpoints) {
  const aws = { region: endpoints.awsRegion, credentials: emulatorCredentials() };
  return {
    kafka: new Kafka({
      clientId: 'demo',
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }),
    sqs: new SQSClient({ ...aws, endpoint: endpoints.sqsEndpoint }),
    kinesis: new KinesisClient({
      ...aws,
      endpoint: endpoints.kinesisEndpoint,
      requestHandler: new NodeHttpHandler(),
    }),
  };
}

export async function createResources(
  endpoints: BrokerEndpoints,
  run: string,
): Promise<DemoResources> {
  const { kafka, sqs, kinesis } = clients(endpoints);
  const names = {
    orders: `orders-${run}`,
    payments: `payments-${run}`,
    notifications: `notifications-${run}`,
    audit: `audit-${run}`,
  };
  try {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: names.orders, numPartitions: 1 }],
      waitForLeaders: true,
    });
    await admin.disconnect();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: names.payments }));
    if (!QueueUrl) throw new Error('SQS returned no queue URL');
    const connection = await connect(endpoints.amqpUrl);
    const channel = await connection.createChannel();
    await channel.assertQueue(names.notifications, { durable: false });
    await connection.close();
    await kinesis.send(new CreateStreamCommand({ StreamName: names.audit, ShardCount: 1 }));
    for (let attempt = 0; ; attempt++) {
      const { StreamDescriptionSummary } = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName: names.audit }),
      );
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      if (attempt > 100) throw new Error(`stream ${names.audit} never became ACTIVE`);
      await sleep(100);
    }
    return {
      ordersTopic: names.orders,
      paymentsQueueUrl: QueueUrl,
      notificationsQueue: names.notifications,
      auditStream: names.audit,
    };
  } finally {
    sqs.destroy();
    kinesis.destroy();
  }
}

/** Best effort: a resource that is already gone, or a broker that went away, is no error here. */
export async function deleteResources(
  endpoints: BrokerEndpoints,
  resources: DemoResources,
): Promise<void> {
  const { kafka, sqs, kinesis } = clients(endpoints);
  const attempts = [
    (async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin
        .deleteTopics({ topics: [resources.ordersTopic] })
        .finally(() => admin.disconnect());
    })(),
    sqs.send(new DeleteQueueCommand({ QueueUrl: resources.paymentsQueueUrl })),
    kinesis.send(new DeleteStreamCommand({ StreamName: resources.auditStream })),
    (async () => {
      const connection = await connect(endpoints.amqpUrl);
      const channel = await connection.createChannel();
      await channel.deleteQueue(resources.notificationsQueue);
      await connection.close();
    })(),
  ];
  await Promise.allSettled(attempts);
  sqs.destroy();
  kinesis.destroy();
}
