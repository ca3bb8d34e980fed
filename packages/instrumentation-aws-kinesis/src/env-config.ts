import { flag, list } from '@msgtrace/core';
import type { AwsKinesisInstrumentationConfig } from './types.js';

/**
 * The Kinesis options the register entry reads from the environment (the shared ones come from
 * core, whose parsers these use). Nonsense values are ignored with a warning:
 *
 * - `MSGTRACE_KINESIS_INJECT=false`: no context goes into any record;
 * - `MSGTRACE_KINESIS_NO_INJECT_STREAMS=a,b`: none into records sent to these streams;
 * - `MSGTRACE_KINESIS_BODY_KEY`: the body key (default `_msgtrace`);
 * - `MSGTRACE_KINESIS_FOREIGN_BODY_KEYS=_datadog,…` (empty: none) and
 *   `MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS=true`.
 */
export function kinesisConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): AwsKinesisInstrumentationConfig {
  const config: AwsKinesisInstrumentationConfig = {};
  const inject = flag(env, 'MSGTRACE_KINESIS_INJECT');
  const noInject = list(env.MSGTRACE_KINESIS_NO_INJECT_STREAMS);
  if (inject === false) {
    config.injectContext = false;
  } else if (noInject.size > 0) {
    config.injectContext = ({ streamName }) => !streamName || !noInject.has(streamName);
  }
  const key = env.MSGTRACE_KINESIS_BODY_KEY?.trim();
  if (key) config.bodyKey = key;
  const foreign = env.MSGTRACE_KINESIS_FOREIGN_BODY_KEYS;
  if (foreign !== undefined) config.foreignBodyKeys = [...list(foreign)];
  const strip = flag(env, 'MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS');
  if (strip !== undefined) config.stripForeignBodyKeys = strip;
  return config;
}
