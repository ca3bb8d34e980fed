// The anchor: OpenTelemetry contrib's kafkajs instrumentation, registered the usual way.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { KafkaJsInstrumentation } = require('@opentelemetry/instrumentation-kafkajs');

registerInstrumentations({ instrumentations: [new KafkaJsInstrumentation()] });
