/**
 * `node --require @msgtrace/instrumentation-aws-sqs/register app.js` (or `--import` for ES
 * modules): enables the SQS instrumentation with options from the environment (see the README),
 * once per process however often it is loaded.
 */
import { registerOnce } from '@msgtrace/core';
import { AwsSqsInstrumentation } from './instrumentation.js';

registerOnce('aws-sqs', (config) => new AwsSqsInstrumentation(config));
