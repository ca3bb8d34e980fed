/**
 * `node --require @msgtrace/instrumentation-confluent-kafka/register app.js` (or `--import` for ES
 * modules): enables the Confluent Kafka instrumentation with options from the environment (see
 * the README), once per process however often it is loaded. It starts the OpenTelemetry SDK
 * through `@msgtrace/sdk-bootstrap`, an optional peer this package's own users never install: add
 * it (or use `@msgtrace/auto/register`) to use this entry.
 */
import { registerOnce } from '@msgtrace/sdk-bootstrap';
import { ConfluentKafkaInstrumentation } from './instrumentation.js';

registerOnce('confluent-kafka', (config) => new ConfluentKafkaInstrumentation(config));
