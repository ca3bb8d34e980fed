/**
 * `node --require @msgtrace/instrumentation-aws-kinesis/register app.js` (or `--import` for ES
 * modules): enables the Kinesis instrumentation with options from the environment (see the
 * README), once per process however often it is loaded.
 */
import { registerOnce } from '@msgtrace/core';
import { kinesisConfigFromEnv } from './env-config.js';
import { AwsKinesisInstrumentation } from './instrumentation.js';

registerOnce(
  'aws-kinesis',
  (config) => new AwsKinesisInstrumentation({ ...config, ...kinesisConfigFromEnv() }),
);
