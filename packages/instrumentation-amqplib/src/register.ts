/**
 * `node --require @msgtrace/instrumentation-amqplib/register app.js` (or `--import` for ES modules):
 * enables the amqplib instrumentation with options from the environment (see the README), once
 * per process however often it is loaded.
 */
import { registerOnce } from '@msgtrace/core';
import { AmqplibInstrumentation } from './instrumentation.js';

registerOnce('amqplib', (config) => new AmqplibInstrumentation(config));
