import { diag } from '@opentelemetry/api';
import { processWide } from './process-wide.js';

const MAX_REPORTED = 1_000;

// Process-wide so the CommonJS and ES module copies of core (and two installed versions) still
// log each failure once per process, not once per copy.
function reported(): Set<string> {
  return processWide('msgtrace.core.reported-failures', () => new Set<string>());
}

/**
 * Logs an instrumentation failure through `diag`, once per place it happened: a bug that fires
 * per message must not flood the application's logs.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function reportInternalError(where: string, error: unknown): void {
  const seen = reported();
  if (seen.has(where)) return;
  if (seen.size < MAX_REPORTED) seen.add(where);
  diag.error(`msgtrace: ${where} failed; the application's call goes on uninstrumented`, error);
}

/**
 * Runs instrumentation code that must never break the host application: any throw is reported
 * once and turned into `undefined`, and the caller falls back to the uninstrumented path.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function guard<T>(where: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    reportInternalError(where, error);
    return undefined;
  }
}

/**
 * Calls a user-supplied hook. Its errors, thrown or rejected, are reported and swallowed: a hook
 * that fails must cost the user their hook, not their message.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function runUserHook<Args extends unknown[]>(
  name: string,
  hook: ((...args: Args) => unknown) | undefined,
  ...args: Args
): void {
  if (typeof hook !== 'function') return;
  try {
    const result = hook(...args);
    if (isPromiseLike(result)) {
      result.then(undefined, (error: unknown) => reportInternalError(`user hook ${name}`, error));
    }
  } catch (error) {
    reportInternalError(`user hook ${name}`, error);
  }
}

/** @internal Shared by the msgtrace broker packages; not an application API. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
