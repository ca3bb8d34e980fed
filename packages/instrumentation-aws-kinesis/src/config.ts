import { DEFAULT_JSON_BODY_KEY, guard, type JsonBodyReadOptions } from '@msgtrace/core';
import type { AwsKinesisInstrumentationConfig } from './types.js';

/** dd-trace writes its context into Kinesis JSON records under this key. */
export const DEFAULT_FOREIGN_BODY_KEYS: readonly string[] = ['_datadog'];

/** The configured body key, or the default when it is missing or not a usable string. */
export function bodyKeyOf(config: AwsKinesisInstrumentationConfig): string {
  const key = config.bodyKey;
  return typeof key === 'string' && key !== '' ? key : DEFAULT_JSON_BODY_KEY;
}

/** How records are read: our key, then the foreign keys, stripped or not. */
export function readOptionsOf(config: AwsKinesisInstrumentationConfig): JsonBodyReadOptions {
  const foreign = config.foreignBodyKeys;
  return {
    key: bodyKeyOf(config),
    foreignKeys: Array.isArray(foreign)
      ? foreign.filter((k): k is string => typeof k === 'string' && k !== '')
      : DEFAULT_FOREIGN_BODY_KEYS,
    stripForeignKeys: config.stripForeignBodyKeys === true,
  };
}

/**
 * Whether records sent to this stream get context. A function that throws (reported once) or
 * answers something other than a boolean means no: when unsure, the record stays as the caller
 * wrote it, since a stray member in a data lake is worse than a broken trace.
 */
export function injectionEnabled(
  config: AwsKinesisInstrumentationConfig,
  streamName: string | undefined,
): boolean {
  const inject = config.injectContext;
  if (inject === undefined || inject === true) return true;
  if (typeof inject !== 'function') return false;
  return guard('injectContext', () => inject({ streamName })) === true;
}
