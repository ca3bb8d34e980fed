import { randomUUID } from 'node:crypto';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
} from '@aws-sdk/client-kinesis';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import * as amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import { type BrokerEndpoints, emulatorCredentials } from './endpoints.js';

/**
 * Round trips that prove a broker accepts work, not just that its port is open: each one writes
 * a message and reads it back (Kafka: produce with acks=all and see the offset move).
 */
export type Probe = (endpoints: BrokerEndpoints) => Promise<void>;

const READY_NAME = 'msgtrace-ready';

export const probeKafka: Probe = async ({ kafkaBrokers }) => {
  const kafka = new Kafka({
    clientId: 'msgtrace-ready',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(READY_NAME)) {
      await admin.createTopics({
        topics: [{ topic: READY_NAME, numPartitions: 1, replicationFactor: 1 }],
        waitForLeaders: true,
      });
    }
    const before = await admin.fetchTopicOffsets(READY_NAME);
    await producer.connect();
    await producer.send({ topic: READY_NAME, acks: -1, messages: [{ value: 'ready' }] });
    const after = await admin.fetchTopicOffsets(READY_NAME);
    if (Number(after[0]?.high) <= Number(before[0]?.high)) {
      throw new Error('kafka accepted the produce but the offset did not move');
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
};

export const probeRabbitMq: Probe = async ({ amqpUrl }) => {
  const connection = await amqp.connect(amqpUrl, { timeout: 2_000 });
  try {
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    const body = Buffer.from(randomUUID());
    channel.sendToQueue(queue, body);
    for (let attempt = 0; attempt < 50; attempt++) {
      const message = await channel.get(queue, { noAck: true });
      if (message) {
        if (!message.content.equals(body)) throw new Error('rabbitmq returned other bytes');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('rabbitmq did not deliver the probe message');
  } finally {
    await connection.close().catch(() => undefined);
  }
};

function awsClientConfig(endpoint: string, region: string) {
  return {
    endpoint,
    region,
    credentials: emulatorCredentials(),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 5_000 }),
  };
}

export const probeSqs: Probe = async ({ sqsEndpoint, awsRegion }) => {
  const sqs = new SQSClient(awsClientConfig(sqsEndpoint, awsRegion));
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: READY_NAME }));
    const body = randomUUID();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    // Earlier probes may have left messages behind; read until ours comes back.
    for (let attempt = 0; attempt < 20; attempt++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages) {
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        if (message.Body === body) return;
      }
    }
    throw new Error('sqs did not deliver the probe message');
  } finally {
    sqs.destroy();
  }
};

export const probeKinesis: Probe = async ({ kinesisEndpoint, awsRegion }) => {
  const kinesis = new KinesisClient(awsClientConfig(kinesisEndpoint, awsRegion));
  try {
    const StreamName = READY_NAME;
    await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 })).catch((error) => {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    });
    for (let attempt = 0; ; attempt++) {
      const { StreamDescriptionSummary } = await kinesis.send(
        new DescribeStreamSummaryCommand({ StreamName }),
      );
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      if (attempt > 100) throw new Error('kinesis stream never became ACTIVE');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const data = Buffer.from(randomUUID());
    const put = await kinesis.send(
      new PutRecordCommand({ StreamName, PartitionKey: 'ready', Data: data }),
    );
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName,
        ShardId: put.ShardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: put.SequenceNumber,
      }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    if (!Records[0]?.Data || !Buffer.from(Records[0].Data).equals(data)) {
      throw new Error('kinesis returned other bytes');
    }
  } finally {
    kinesis.destroy();
  }
};

/** One message through each broker and back: the readiness checks, and the placeholder demo. */
export const ROUND_TRIPS = {
  kafka: probeKafka,
  rabbitmq: probeRabbitMq,
  sqs: probeSqs,
  kinesis: probeKinesis,
} as const satisfies Record<string, Probe>;
