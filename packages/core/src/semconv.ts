/**
 * The OpenTelemetry messaging semantic conventions msgtrace emits, copied once from the v1.44
 * conventions, and the v1.45 names `OTEL_SEMCONV_STABILITY_OPT_IN=messaging` switches to.
 * `@opentelemetry/semantic-conventions/incubating` must not be imported at runtime (its names
 * change between minor releases); unit tests check these against v1.44 and v1.45 instead.
 *
 * v1.45 renamed `messaging.system` to `messaging.system.name` (and `aws_sqs` to `aws.sqs`), and
 * moved `messaging.kafka.*` and `messaging.rabbitmq.*` to `kafka.*` and `rabbitmq.*`. By default
 * we stay on the v1.44 names, as the conventions ask of instrumentations already in use; see
 * {@link MESSAGING_NAMES_V1_45} and `semconv-stability.ts` for the opt-in.
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

// The v1.45 names of the attributes above that v1.45 renamed.
export const ATTR_MESSAGING_SYSTEM_NAME = 'messaging.system.name';
export const ATTR_KAFKA_MESSAGE_KEY = 'kafka.message.key';
export const ATTR_KAFKA_MESSAGE_TOMBSTONE = 'kafka.message.tombstone';
export const ATTR_KAFKA_OFFSET = 'kafka.offset';
export const ATTR_KAFKA_CLUSTER_ID = 'kafka.cluster.id';
export const ATTR_RABBITMQ_DESTINATION_ROUTING_KEY = 'rabbitmq.destination.routing_key';
export const ATTR_RABBITMQ_MESSAGE_DELIVERY_TAG = 'rabbitmq.message.delivery_tag';

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

/** `messaging.system.name` values (v1.45), for the systems whose value changed. */
export const MESSAGING_SYSTEM_NAME_VALUE_AWS_SQS = 'aws.sqs';
/** Kinesis, spelled like v1.45's other AWS values (`aws.sqs`, `aws.sns`); not in the conventions. */
export const MESSAGING_SYSTEM_NAME_AWS_KINESIS = 'aws.kinesis';

/**
 * What msgtrace calls each system internally (propagation-mode functions are given it), which is
 * also its v1.44 `messaging.system` value.
 */
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

/** Pipelines (docs/pipelines.md): end-to-end latency from a pathway's start to processing. */
export const METRIC_MSGTRACE_PATHWAY_LATENCY = 'msgtrace.pathway.latency';
/** Pipelines: messages produced and consumed per pathway edge. */
export const METRIC_MSGTRACE_PATHWAY_PRODUCED = 'msgtrace.pathway.produced';
export const METRIC_MSGTRACE_PATHWAY_CONSUMED = 'msgtrace.pathway.consumed';

/** The conventions' bucket advice for messaging duration histograms, in seconds. */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Message age spans milliseconds (a hot stream) to days (a backlog drained after an outage). */
export const MESSAGE_AGE_BUCKETS_SECONDS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400,
];

/**
 * The names of everything msgtrace emits that changed between two versions of the conventions:
 * one object per version, picked once per instrumentation (not per message).
 */
export interface MessagingNames {
  /** `messaging.system` (v1.44) or `messaging.system.name` (v1.45). */
  system: string;
  /** The value of {@link MessagingNames.system} for each system. */
  systemValues: Readonly<Record<MessagingSystem, string>>;
  kafkaMessageKey: string;
  kafkaMessageTombstone: string;
  kafkaOffset: string;
  kafkaClusterId: string;
  rabbitmqRoutingKey: string;
  rabbitmqDeliveryTag: string;
}

/** An attribute whose name depends on the conventions' version. */
export type RenamedAttribute = Exclude<keyof MessagingNames, 'system' | 'systemValues'>;

/** The v1.44 names: what msgtrace emits by default. */
export const MESSAGING_NAMES_V1_44: MessagingNames = Object.freeze({
  system: ATTR_MESSAGING_SYSTEM,
  systemValues: Object.freeze({
    kafka: MESSAGING_SYSTEM_KAFKA,
    rabbitmq: MESSAGING_SYSTEM_RABBITMQ,
    aws_sqs: MESSAGING_SYSTEM_AWS_SQS,
    aws_kinesis: MESSAGING_SYSTEM_AWS_KINESIS,
  }),
  kafkaMessageKey: ATTR_MESSAGING_KAFKA_MESSAGE_KEY,
  kafkaMessageTombstone: ATTR_MESSAGING_KAFKA_MESSAGE_TOMBSTONE,
  kafkaOffset: ATTR_MESSAGING_KAFKA_OFFSET,
  kafkaClusterId: ATTR_MESSAGING_KAFKA_CLUSTER_ID,
  rabbitmqRoutingKey: ATTR_MESSAGING_RABBITMQ_DESTINATION_ROUTING_KEY,
  rabbitmqDeliveryTag: ATTR_MESSAGING_RABBITMQ_MESSAGE_DELIVERY_TAG,
});

/** The v1.45 names: what `OTEL_SEMCONV_STABILITY_OPT_IN=messaging` emits. */
export const MESSAGING_NAMES_V1_45: MessagingNames = Object.freeze({
  system: ATTR_MESSAGING_SYSTEM_NAME,
  systemValues: Object.freeze({
    kafka: MESSAGING_SYSTEM_KAFKA,
    rabbitmq: MESSAGING_SYSTEM_RABBITMQ,
    aws_sqs: MESSAGING_SYSTEM_NAME_VALUE_AWS_SQS,
    aws_kinesis: MESSAGING_SYSTEM_NAME_AWS_KINESIS,
  }),
  kafkaMessageKey: ATTR_KAFKA_MESSAGE_KEY,
  kafkaMessageTombstone: ATTR_KAFKA_MESSAGE_TOMBSTONE,
  kafkaOffset: ATTR_KAFKA_OFFSET,
  kafkaClusterId: ATTR_KAFKA_CLUSTER_ID,
  rabbitmqRoutingKey: ATTR_RABBITMQ_DESTINATION_ROUTING_KEY,
  rabbitmqDeliveryTag: ATTR_RABBITMQ_MESSAGE_DELIVERY_TAG,
});
