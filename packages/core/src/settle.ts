import { type Context, context } from '@opentelemetry/api';
import { guard, isPromiseLike } from './guard.js';

/**
 * Runs `work` in `ctx` and calls `settle` exactly once: when `work` returns, throws, or the
 * promise it returns settles. `settle` runs guarded; `work`'s own result or error reaches the
 * caller unchanged. This is how every span around user code (a handler, a batch, a helper's
 * work) knows when to end.
 */
export function runSettled<T>(
  where: string,
  ctx: Context,
  work: () => T,
  settle: (error: unknown, failed: boolean) => void,
): T {
  const done = (error: unknown, failed: boolean) => guard(where, () => settle(error, failed));
  let result: T;
  try {
    result = context.with(ctx, work);
  } catch (error) {
    done(error, true);
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        done(undefined, false);
        return value;
      },
      (error: unknown) => {
        done(error, true);
        throw error;
      },
    ) as T;
  }
  done(undefined, false);
  return result;
}
