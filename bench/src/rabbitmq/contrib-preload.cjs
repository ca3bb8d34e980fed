// The anchor: OpenTelemetry contrib's amqplib instrumentation, registered the usual way.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { AmqplibInstrumentation } = require('@opentelemetry/instrumentation-amqplib');

registerInstrumentations({ instrumentations: [new AmqplibInstrumentation()] });
