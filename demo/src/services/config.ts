/**
 * What every demo service reads from its environment: the run's destination names (unique per
 * run, set by the orchestrator), how many orders flow, and bare broker clients (Kafka's, on
 * either client, in kafka.ts). Nothing here
 * knows about tracing: the services are plain apps, instrumented by the register entry alone.
 */
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { brokerEndpoints, emulatorCredentials } from '@msgtrace/brokers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const endpoints = brokerEndpoints();

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the demo orchestrator sets it)`);
  return value;
}

export const names = {
  orders: required('DEMO_ORDERS_TOPIC'),
  payments: required('DEMO_PAYMENTS_QUEUE_URL'),
  notifications: required('DEMO_NOTIFICATIONS_QUEUE'),
  audit: required('DEMO_AUDIT_STREAM'),
};

export const orderCount = Number(process.env.DEMO_ORDER_COUNT ?? '2');

export function sqs(): SQSClient {
  return new SQSClient({
    endpoint: endpoints.sqsEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
  });
}

/** kinesalite speaks HTTP/1.1 only; the client defaults to HTTP/2. */
export function kinesis(): KinesisClient {
  return new KinesisClient({
    endpoint: endpoints.kinesisEndpoint,
    region: endpoints.awsRegion,
    credentials: emulatorCredentials(),
    requestHandler: new NodeHttpHandler(),
  });
}

export interface Order {
  id: string;
  amount: number;
}
