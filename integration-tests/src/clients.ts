import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { brokerEndpoints, emulatorCredentials } from '@msgtrace/brokers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import * as amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';

export const endpoints = brokerEndpoints();

/**
 * kafkajs logs every retry of a fresh broker's first group join as an ERROR; failures reach the
 * tests as rejections anyway. MSGTRACE_KAFKAJS_LOG=info (or debug) brings the logs back.
 */
const KAFKAJS_LOG_LEVELS: Record<string, logLevel> = {
  debug: logLevel.DEBUG,
  info: logLevel.INFO,
  warn: logLevel.WARN,
  error: logLevel.ERROR,
};

export function kafkaClient(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: endpoints.kafkaBrokers,
    logLevel: KAFKAJS_LOG_LEVELS[process.env.MSGTRACE_KAFKAJS_LOG ?? ''] ?? logLevel.NOTHING,
  });
}

export function sqsClient(): SQSClient {
  return new SQSClient({
    endpoint: endpoints.sqsEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
  });
}

/** Kinesis defaults to HTTP/2; kinesalite speaks HTTP/1.1 only. */
export function kinesisClient(): KinesisClient {
  return new KinesisClient({
    endpoint: endpoints.kinesisEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
    requestHandler: new NodeHttpHandler(),
  });
}

export function amqpConnect(): Promise<amqp.ChannelModel> {
  return amqp.connect(endpoints.amqpUrl);
}

/** Bytes no text codec round-trips: a body that survives them survives anything. */
export const BINARY_BODY = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x0a, 0x80, 0xc3, 0x28]);
