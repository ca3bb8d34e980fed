import { diag } from '@opentelemetry/api';
import type { MessagingInstrumentationConfig } from './config.js';
import type { PipelinesConfig } from './pipelines/config.js';
import type { PropagationMode, PropagationModeName } from './propagation-mode.js';

/**
 * A comma-separated variable's items, trimmed, empty ones dropped.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function list(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
}

/**
 * A `true`/`1` or `false`/`0` variable (any case); unset or empty is undefined, and anything else
 * is undefined with a warning through `diag`.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function flag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  diag.warn(`msgtrace: ${name}=${value} is neither true nor false; ignored`);
  return undefined;
}

/**
 * The shared options, read from environment variables, for the register entries (no code to
 * configure them with). Values that make no sense are ignored with a warning, never fatal:
 *
 * - `MSGTRACE_PROPAGATION_MODE`: `child` or `link`, for every destination;
 * - `MSGTRACE_LINK_DESTINATIONS` / `MSGTRACE_CHILD_DESTINATIONS`: comma-separated destinations
 *   that use the other mode;
 * - `MSGTRACE_CAPTURE_MESSAGE_KEY`, `MSGTRACE_CREATE_SPAN_PER_MESSAGE`: `true` or `false`;
 * - `MSGTRACE_PIPELINES`: `true` turns pathways and pipeline metrics on (off when `false` or
 *   unset, and always off under `OTEL_SDK_DISABLED=true`);
 *   `MSGTRACE_PIPELINES_MAX_PATHWAYS`: their cardinality cap.
 */
export function messagingConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): MessagingInstrumentationConfig {
  const config: MessagingInstrumentationConfig = {};
  const rawMode = env.MSGTRACE_PROPAGATION_MODE?.trim().toLowerCase();
  let base: PropagationModeName = 'child';
  const validMode = rawMode === 'child' || rawMode === 'link';
  if (validMode) base = rawMode;
  else if (rawMode)
    diag.warn(`msgtrace: MSGTRACE_PROPAGATION_MODE=${rawMode} is not child or link; ignored`);
  const linked = list(env.MSGTRACE_LINK_DESTINATIONS);
  const children = list(env.MSGTRACE_CHILD_DESTINATIONS);
  let mode: PropagationMode = base;
  if (linked.size > 0 || children.size > 0) {
    mode = ({ destination }) => {
      if (linked.has(destination)) return 'link';
      if (children.has(destination)) return 'child';
      return base;
    };
  }
  if (validMode || linked.size > 0 || children.size > 0) config.propagationMode = mode;
  const captureKey = flag(env, 'MSGTRACE_CAPTURE_MESSAGE_KEY');
  if (captureKey !== undefined) config.captureMessageKey = captureKey;
  const perMessage = flag(env, 'MSGTRACE_CREATE_SPAN_PER_MESSAGE');
  if (perMessage !== undefined) config.createSpanPerMessage = perMessage;
  const pipelines = pipelinesConfigFromEnv(env);
  if (pipelines) config.pipelines = pipelines;
  return config;
}

function pipelinesConfigFromEnv(env: NodeJS.ProcessEnv): PipelinesConfig | undefined {
  const config: PipelinesConfig = {};
  const enabled = flag(env, 'MSGTRACE_PIPELINES');
  // An app run with the SDK disabled runs as without msgtrace: nothing written into messages,
  // whatever MSGTRACE_PIPELINES says.
  const sdkDisabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  if (sdkDisabled) config.enabled = false;
  else if (enabled !== undefined) config.enabled = enabled;
  const rawMax = env.MSGTRACE_PIPELINES_MAX_PATHWAYS?.trim();
  if (rawMax) {
    const max = Number(rawMax);
    if (Number.isInteger(max) && max >= 0) config.maxPathways = max;
    else diag.warn(`msgtrace: MSGTRACE_PIPELINES_MAX_PATHWAYS=${rawMax} is not a count; ignored`);
  }
  return Object.keys(config).length > 0 ? config : undefined;
}
