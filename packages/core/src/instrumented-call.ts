import { type Context, context } from '@opentelemetry/api';
import { guard, isPromiseLike } from './guard.js';

/** What the instrumentation decided for one call of a library function. */
export interface InstrumentedCall<Args extends unknown[], Result> {
  /** Arguments for the original: copies that carry context; the caller's objects stay untouched. */
  args?: Args;
  /** Context the original runs in, e.g. with the operation's span active. */
  context?: Context;
  /** Called once with the original's result, awaited when it is a promise. */
  onSuccess?: (result: Awaited<Result>) => void;
  /** Called once with whatever the original threw or rejected with. */
  onError?: (error: unknown) => void;
}

/**
 * Calls a library function exactly once, instrumented when that is possible and plainly when
 * it is not. `prepare` (span start, injection) runs guarded: if it throws, the original is called
 * with the caller's own arguments. The original's own errors reach the caller unchanged, and
 * failures in `onSuccess` / `onError` are reported, never thrown.
 *
 * A promise result is observed through `then`, so the caller gets a promise that settles exactly
 * like the original (an unhandled rejection stays unhandled).
 */
export function invokeInstrumented<This, Args extends unknown[], Result>(
  where: string,
  original: (this: This, ...args: Args) => Result,
  thisArg: This,
  args: Args,
  prepare: (args: Args) => InstrumentedCall<Args, Result> | undefined,
): Result {
  const call = guard(`${where} (before the call)`, () => prepare(args));
  if (!call) return original.apply(thisArg, args);
  const callArgs = call.args ?? args;
  let result: Result;
  try {
    result = call.context
      ? context.with(call.context, () => original.apply(thisArg, callArgs))
      : original.apply(thisArg, callArgs);
  } catch (error) {
    guard(`${where} (recording an error)`, () => call.onError?.(error));
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        guard(`${where} (after the call)`, () => call.onSuccess?.(value as Awaited<Result>));
        return value;
      },
      (error: unknown) => {
        guard(`${where} (recording an error)`, () => call.onError?.(error));
        throw error;
      },
    ) as Result;
  }
  guard(`${where} (after the call)`, () => call.onSuccess?.(result as Awaited<Result>));
  return result;
}
