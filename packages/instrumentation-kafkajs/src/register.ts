/**
 * `node --require @msgtrace/instrumentation-kafkajs/register app.js` (or `--import` for ES modules):
 * enables the kafkajs instrumentation with options from the environment (see the README), once
 * per process however often it is loaded.
 */
import { registerOnce } from '@msgtrace/core';
import { KafkaJsInstrumentation } from './instrumentation.js';

registerOnce('kafkajs', (config) => new KafkaJsInstrumentation(config));
