/**
 * The Kafka attribute names this package writes. The Confluent client adds none of its own beyond
 * the semantic conventions, so these are the conventions' Kafka names (v1.44, and the v1.45
 * renames written under `OTEL_SEMCONV_STABILITY_OPT_IN=messaging`), re-exported from
 * `@msgtrace/core` so that a user finds every attribute a package can write in the same file in
 * each. Not the cluster id: librdkafka gives it only through an admin request (see the README).
 */
export {
  ATTR_KAFKA_MESSAGE_KEY,
  ATTR_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_KAFKA_OFFSET,
  ATTR_MESSAGING_KAFKA_MESSAGE_KEY,
  ATTR_MESSAGING_KAFKA_MESSAGE_TOMBSTONE,
  ATTR_MESSAGING_KAFKA_OFFSET,
} from '@msgtrace/core';
