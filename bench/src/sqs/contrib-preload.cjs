// The anchor: OpenTelemetry contrib's AWS SDK instrumentation (SQS propagation included),
// registered the usual way.
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { AwsInstrumentation } = require('@opentelemetry/instrumentation-aws-sdk');

registerInstrumentations({ instrumentations: [new AwsInstrumentation()] });
