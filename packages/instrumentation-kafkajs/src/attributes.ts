/**
 * The Kafka attribute names this package writes. kafkajs adds none of its own beyond the semantic
 * conventions, so these are the conventions' Kafka names (v1.44, and the v1.45 renames written
 * under `OTEL_SEMCONV_STABILITY_OPT_IN=messaging`), re-exported from `@msgtrace/core` so that a
 * user of this package finds every attribute it can write in the same file as in the others.
 */
export {
  ATTR_KAFKA_CLUSTER_ID,
  ATTR_KAFKA_MESSAGE_KEY,
  ATTR_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_KAFKA_OFFSET,
  ATTR_MESSAGING_KAFKA_CLUSTER_ID,
  ATTR_MESSAGING_KAFKA_MESSAGE_KEY,
  ATTR_MESSAGING_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_MESSAGING_KAFKA_OFFSET,
} from '@msgtrace/core';
