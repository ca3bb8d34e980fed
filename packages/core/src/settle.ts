import { type Context, context } from '@opentelemetry/api';
import { guard, isPromiseLike } from './guard.js';

/**
 * What to do when a call's outcome is known; both run guarded, at most one of them once.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface SettleObserver<T> {
  /**
   * The call returned, or the promise it returned resolved. What it returns, unless undefined,
   * replaces the value the caller gets (a receive hands back messages without our carrier).
   */
  onValue?: ((value: Awaited<T>) => Awaited<T> | undefined) | undefined;
  /** The call threw, or the promise it returned rejected. */
  onError?: ((error: unknown) => void) | undefined;
}

/**
 * The one settle primitive: calls `run` exactly once and tells `observer` how it ended — at once
 * for a value or a throw, when it settles for a promise (observed through `then`, so the caller
 * gets a promise that settles exactly like the original's, an unhandled rejection staying
 * unhandled). The call's own errors reach the caller unchanged; the observer's are reported under
 * `where`, never thrown.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function whenSettled<T>(where: string, run: () => T, observer: SettleObserver<T>): T {
  // No observer (an unsampled call without metrics): the call's own result, no promise chained.
  if (!observer.onValue && !observer.onError) return run();
  let result: T;
  try {
    result = run();
  } catch (error) {
    if (observer.onError) guard(where, () => observer.onError?.(error));
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => settledValue(where, observer, value as Awaited<T>),
      (error: unknown) => {
        if (observer.onError) guard(where, () => observer.onError?.(error));
        throw error;
      },
    ) as T;
  }
  return settledValue(where, observer, result as Awaited<T>) as T;
}

function settledValue<T>(where: string, observer: SettleObserver<T>, value: Awaited<T>) {
  if (!observer.onValue) return value;
  const replaced = guard(where, () => observer.onValue?.(value));
  return replaced === undefined ? value : replaced;
}

/**
 * Runs `work` in `ctx` and calls `settle` exactly once: when `work` returns, throws, or the
 * promise it returns settles. `settle` runs guarded; `work`'s own result or error reaches the
 * caller unchanged. This is how every span around user code (a handler, a batch, a helper's
 * work) knows when to end.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function runSettled<T>(
  where: string,
  ctx: Context,
  work: () => T,
  settle: (error: unknown, failed: boolean) => void,
): T {
  return whenSettled(where, () => context.with(ctx, work), {
    onValue: () => {
      settle(undefined, false);
      return undefined;
    },
    onError: (error) => settle(error, true),
  });
}
