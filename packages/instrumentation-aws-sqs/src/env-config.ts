import { flag } from '@msgtrace/core';
import type { AwsSqsInstrumentationConfig } from './types.js';

/**
 * The SQS options the register entry reads from the environment (the shared ones come from
 * core). A value that is neither true nor false is ignored with a warning:
 *
 * - `MSGTRACE_SQS_TRACE_EMPTY_RECEIVES=true`: receives that return nothing keep their span.
 */
export function sqsConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): AwsSqsInstrumentationConfig {
  const config: AwsSqsInstrumentationConfig = {};
  const traceEmpty = flag(env, 'MSGTRACE_SQS_TRACE_EMPTY_RECEIVES');
  if (traceEmpty !== undefined) config.traceEmptyReceives = traceEmpty;
  return config;
}
