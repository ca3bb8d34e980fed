// The anchor: OpenTelemetry contrib's AWS SDK instrumentation, registered the usual way. It makes
// spans for Kinesis calls but carries no context through records.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { AwsInstrumentation } = require('@opentelemetry/instrumentation-aws-sdk');

registerInstrumentations({ instrumentations: [new AwsInstrumentation()] });
