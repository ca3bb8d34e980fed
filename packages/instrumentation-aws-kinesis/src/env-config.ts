import { diag } from '@opentelemetry/api';
import type { AwsKinesisInstrumentationConfig } from './types.js';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * The Kinesis options the register entry reads from the environment (the shared ones come from
 * core). Nonsense values are ignored with a warning:
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
  const inject = env.MSGTRACE_KINESIS_INJECT?.trim().toLowerCase();
  const noInject = new Set(list(env.MSGTRACE_KINESIS_NO_INJECT_STREAMS));
  if (inject === 'false' || inject === '0') {
    config.injectContext = false;
  } else {
    if (inject && inject !== 'true' && inject !== '1') {
      diag.warn(`msgtrace: MSGTRACE_KINESIS_INJECT=${inject} is neither true nor false; ignored`);
    }
    if (noInject.size > 0) {
      config.injectContext = ({ streamName }) => !streamName || !noInject.has(streamName);
    }
  }
  const key = env.MSGTRACE_KINESIS_BODY_KEY?.trim();
  if (key) config.bodyKey = key;
  const foreign = env.MSGTRACE_KINESIS_FOREIGN_BODY_KEYS;
  if (foreign !== undefined) config.foreignBodyKeys = list(foreign);
  const strip = env.MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS?.trim().toLowerCase();
  if (strip === 'true' || strip === '1') config.stripForeignBodyKeys = true;
  else if (strip === 'false' || strip === '0') config.stripForeignBodyKeys = false;
  else if (strip) {
    diag.warn(
      `msgtrace: MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS=${strip} is neither true nor false; ignored`,
    );
  }
  return config;
}
