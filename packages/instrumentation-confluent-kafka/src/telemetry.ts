import type { TelemetrySource } from '@msgtrace/core';
import { KafkaTelemetry } from '@msgtrace/kafka-shared';
import type { ConfluentKafkaInstrumentationConfig } from './types.js';

/**
 * What spans and metrics the Confluent client's calls make: the shared Kafka telemetry
 * (`@msgtrace/kafka-shared`, also kafkajs's), so both clients emit the same for the same work —
 * through the KafkaJS API's patches and through this package's rdkafka patches alike.
 * `confluent-kafka` names it in diagnostics only.
 */
export function confluentTelemetry(
  source: TelemetrySource<ConfluentKafkaInstrumentationConfig>,
): KafkaTelemetry {
  return new KafkaTelemetry(source, 'confluent-kafka');
}
