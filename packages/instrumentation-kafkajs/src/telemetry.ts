import type { TelemetrySource } from '@msgtrace/core';
import { KafkaTelemetry } from '@msgtrace/kafka-shared';
import type { KafkaJsInstrumentationConfig } from './types.js';

/**
 * What spans and metrics kafkajs calls make: the shared Kafka telemetry (`@msgtrace/kafka-shared`,
 * also the Confluent client's), so both clients emit the same for the same work. `kafkajs` names
 * it in diagnostics only.
 */
export function kafkaJsTelemetry(
  source: TelemetrySource<KafkaJsInstrumentationConfig>,
): KafkaTelemetry {
  return new KafkaTelemetry(source, 'kafkajs');
}
