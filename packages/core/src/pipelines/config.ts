/**
 * Pathways and pipeline metrics ([docs/pipelines.md](../../../../docs/pipelines.md)): when turned
 * on, every message carries a small pathway context, sampled or not, so consumers record
 * end-to-end latency and per-edge counts as metrics. Off by default (opt-in, like Datadog's
 * `DD_DATA_STREAMS_ENABLED`): the carrier is a non-standard field every consumer of the message
 * sees, it costs every message, and pathways only work when every hop carries them.
 */
export interface PipelinesConfig {
  /**
   * Whether messages carry a pathway and consumers record pipeline metrics. Default `false`:
   * nothing is written, read or recorded, and an incoming pathway field is handled as any
   * field msgtrace does not read. `true` turns them on (`MSGTRACE_PIPELINES=true` for the
   * register entries); turn them on in every service of a pipeline, since a hop without them
   * starts its messages' pathways over.
   */
  enabled?: boolean;
  /**
   * The service name hashed into each hop this process produces. Default: `OTEL_SERVICE_NAME`,
   * else `service.name` in `OTEL_RESOURCE_ATTRIBUTES`, else the SDK's own default
   * (`unknown_service:<process.argv0>`). Set it when your SDK gets its service name in code.
   */
  serviceName?: string;
  /**
   * Distinct pathways this process records metrics for; the rest are recorded under the pathway
   * id `overflow`, with one `diag` warning. Default 500 (`MSGTRACE_PIPELINES_MAX_PATHWAYS`).
   * Messages still carry their real pathway whatever this process records.
   */
  maxPathways?: number;
}

/** See {@link PipelinesConfig.maxPathways}. */
export const DEFAULT_MAX_PATHWAYS = 500;

/** The service name the SDK would give the resource, from the same variables. */
export function serviceNameFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.OTEL_SERVICE_NAME?.trim();
  if (named) return named;
  for (const pair of (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === 'service.name') {
      const value = pair.slice(equals + 1).trim();
      try {
        if (value) return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return `unknown_service:${process.argv0}`;
}
