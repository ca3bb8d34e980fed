import { type Context, context, createContextKey } from '@opentelemetry/api';

/**
 * The Confluent client's KafkaJS API is built on its rdkafka-style API: `producer.send` calls
 * `Producer.produce`, `consumer.run` calls `KafkaConsumer.consume`. Both are instrumented, so
 * msgtrace marks the context the KafkaJS calls run in, and the rdkafka patches step aside inside
 * it: one span per operation, whichever API the application used. A context key made with
 * `Symbol.for`, so every copy of this package agrees on it.
 */
const INSIDE_KAFKAJS_API = createContextKey('msgtrace.confluent-kafka.inside-kafkajs-api');

export const KAFKAJS_LAYER = {
  enter: (chosen: Context): Context => chosen.setValue(INSIDE_KAFKAJS_API, true),
  leave: (active: Context): Context =>
    active.getValue(INSIDE_KAFKAJS_API) === undefined
      ? active
      : active.deleteValue(INSIDE_KAFKAJS_API),
  inside: (active: Context): boolean => active.getValue(INSIDE_KAFKAJS_API) === true,
};

/** Whether the current call comes from inside the KafkaJS API. */
export function insideKafkaJsApi(): boolean {
  return KAFKAJS_LAYER.inside(context.active());
}
