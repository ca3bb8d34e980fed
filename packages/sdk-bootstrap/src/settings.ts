import { flag } from '@msgtrace/core';
import { diag } from '@opentelemetry/api';
import { enabledByOtelLists } from './instrumentation-names.js';

/** How the register entries treat the OpenTelemetry SDK, read from the environment. */
export interface SdkSettings {
  /** `OTEL_SDK_DISABLED=true`: start no SDK (the instrumentations still patch, cheaply). */
  sdkDisabled: boolean;
  /**
   * `MSGTRACE_START_SDK=false`: patch only, for apps that start their own SDK later in their
   * own code (an SDK already registered when the entry loads is detected without this).
   */
  startSdk: boolean;
  /** `MSGTRACE_SHUTDOWN_TIMEOUT_MS`: the longest a flush may hold up exit or a signal. */
  shutdownTimeoutMs: number;
  /**
   * `MSGTRACE_FORWARD_WORKER_SPANS=false`: worker threads export their own spans instead of
   * handing them to the main thread's SDK (which loses those ended while a pool worker idles).
   */
  forwardWorkerSpans: boolean;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 2_000;

function timeout(env: NodeJS.ProcessEnv): number {
  const raw = env.MSGTRACE_SHUTDOWN_TIMEOUT_MS?.trim();
  if (!raw) return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const value = Number(raw);
  if (Number.isFinite(value) && value >= 0) return value;
  diag.warn(
    `msgtrace: MSGTRACE_SHUTDOWN_TIMEOUT_MS=${raw} is not a number of ms; using ${DEFAULT_SHUTDOWN_TIMEOUT_MS}`,
  );
  return DEFAULT_SHUTDOWN_TIMEOUT_MS;
}

export function sdkSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SdkSettings {
  return {
    sdkDisabled: flag(env, 'OTEL_SDK_DISABLED') === true,
    startSdk: flag(env, 'MSGTRACE_START_SDK') !== false,
    shutdownTimeoutMs: timeout(env),
    forwardWorkerSpans: flag(env, 'MSGTRACE_FORWARD_WORKER_SPANS') !== false,
  };
}

/** `aws-sqs` → `MSGTRACE_AWS_SQS_ENABLED`. */
export function enabledVariable(name: string): string {
  return `MSGTRACE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ENABLED`;
}

/**
 * Whether the register entries enable the instrumentation called `name` (`kafkajs`, `amqplib`,
 * `aws-sqs`, `aws-kinesis`). Our own `MSGTRACE_<NAME>_ENABLED` decides when set; otherwise the
 * ecosystem's lists apply as the contrib auto-instrumentations read them: only the names in
 * `OTEL_NODE_ENABLED_INSTRUMENTATIONS` when it is set, minus those in
 * `OTEL_NODE_DISABLED_INSTRUMENTATIONS`, where contrib's names for the same libraries count too
 * (`aws-sdk` for both AWS packages).
 */
export function instrumentationEnabled(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const own = flag(env, enabledVariable(name));
  if (own !== undefined) return own;
  return enabledByOtelLists(name, env);
}
