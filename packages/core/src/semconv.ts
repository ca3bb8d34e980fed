/**
 * The OpenTelemetry messaging semantic conventions msgtrace emits, copied once from the v1.44
 * conventions. `@opentelemetry/semantic-conventions/incubating` must not be imported at runtime
 * (its names change between minor releases); a unit test checks these against it instead.
 *
 * v1.45 renamed `messaging.system` to `messaging.system.name` (and `aws_sqs` to `aws.sqs`); we
 * stay on the v1.44 names until the conventions settle, as the contrib packages do.
 */

export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const ATTR_MESSAGING_DESTINATION_TEMPLATE = 'messaging.destination.template';
export const ATTR_MESSAGING_DESTINATION_TEMPORARY = 'messaging.destination.temporary';
export const ATTR_MESSAGING_DESTINATION_ANONYMOUS = 'messaging.destination.anonymous';
export const ATTR_MESSAGING_DESTINATION_PARTITION_ID = 'messaging.destination.partition.id';
export const ATTR_MESSAGING_DESTINATION_SUBSCRIPTION_NAME =
  'messaging.destination.subscription.name';
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';
export const ATTR_MESSAGING_CLIENT_ID = 'messaging.client.id';
export const ATTR_MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_MESSAGING_MESSAGE_CONVERSATION_ID = 'messaging.message.conversation_id';
export const ATTR_MESSAGING_MESSAGE_BODY_SIZE = 'messaging.message.body.size';
export const ATTR_MESSAGING_MESSAGE_ENVELOPE_SIZE = 'messaging.message.envelope.size';

export const ATTR_MESSAGING_KAFKA_MESSAGE_KEY = 'messaging.kafka.message.key';
export const ATTR_MESSAGING_KAFKA_MESSAGE_TOMBSTONE = 'messaging.kafka.message.tombstone';
export const ATTR_MESSAGING_KAFKA_OFFSET = 'messaging.kafka.offset';
export const ATTR_MESSAGING_KAFKA_CLUSTER_ID = 'messaging.kafka.cluster.id';

export const ATTR_MESSAGING_RABBITMQ_DESTINATION_ROUTING_KEY =
  'messaging.rabbitmq.destination.routing_key';
export const ATTR_MESSAGING_RABBITMQ_MESSAGE_DELIVERY_TAG =
  'messaging.rabbitmq.message.delivery_tag';

export const ATTR_AWS_SQS_QUEUE_URL = 'aws.sqs.queue.url';
export const ATTR_AWS_KINESIS_STREAM_NAME = 'aws.kinesis.stream_name';
export const ATTR_AWS_REQUEST_ID = 'aws.request_id';

export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_NETWORK_PEER_ADDRESS = 'network.peer.address';
export const ATTR_NETWORK_PEER_PORT = 'network.peer.port';
export const ATTR_ERROR_TYPE = 'error.type';

/** `error.type` when an error has no more specific name. */
export const ERROR_TYPE_OTHER = '_OTHER';

export const MESSAGING_SYSTEM_KAFKA = 'kafka';
export const MESSAGING_SYSTEM_RABBITMQ = 'rabbitmq';
export const MESSAGING_SYSTEM_AWS_SQS = 'aws_sqs';
/**
 * Kinesis has no `messaging.system` value in the conventions; this follows the v1.44 spelling of
 * the other AWS value (`aws_sqs`).
 */
export const MESSAGING_SYSTEM_AWS_KINESIS = 'aws_kinesis';

export type MessagingSystem =
  | typeof MESSAGING_SYSTEM_KAFKA
  | typeof MESSAGING_SYSTEM_RABBITMQ
  | typeof MESSAGING_SYSTEM_AWS_SQS
  | typeof MESSAGING_SYSTEM_AWS_KINESIS;

/** `messaging.operation.type` values. */
export const MESSAGING_OPERATION_TYPE = {
  CREATE: 'create',
  SEND: 'send',
  RECEIVE: 'receive',
  PROCESS: 'process',
  SETTLE: 'settle',
} as const;

export type MessagingOperationType =
  (typeof MESSAGING_OPERATION_TYPE)[keyof typeof MESSAGING_OPERATION_TYPE];

export const METRIC_MESSAGING_CLIENT_SENT_MESSAGES = 'messaging.client.sent.messages';
export const METRIC_MESSAGING_CLIENT_CONSUMED_MESSAGES = 'messaging.client.consumed.messages';
export const METRIC_MESSAGING_CLIENT_OPERATION_DURATION = 'messaging.client.operation.duration';
export const METRIC_MESSAGING_PROCESS_DURATION = 'messaging.process.duration';

/**
 * Time from the broker's own timestamp of a message to its processing. The conventions have no
 * such metric yet, so it lives under the project's namespace.
 */
export const METRIC_MSGTRACE_MESSAGE_AGE = 'msgtrace.messaging.message.age';

/** The conventions' bucket advice for messaging duration histograms, in seconds. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Message age spans milliseconds (a hot stream) to days (a backlog drained after an outage). */
export const MESSAGE_AGE_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400,
];
