import { type Context, context } from '@opentelemetry/api';
import { isPromiseLike, reportInternalError } from './guard.js';
import { whenSettled } from './settle.js';

/**
 * What the instrumentation decided for one call of a library function: every broker package's
 * telemetry answers a patched call with one of these, and {@link invokeInstrumented} carries it
 * out.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface InstrumentedCall<Args extends unknown[], Result> {
  /** Arguments for the original: copies that carry context; the caller's objects stay untouched. */
  args?: Args;
  /** Context the original runs in, e.g. with the operation's span active. */
  context?: Context;
  /**
   * Called once with the original's result, awaited when it is a promise. What it returns, unless
   * undefined, is what the caller gets instead (Kinesis hands back records without our key).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most calls return nothing, a few a replacement
  onSuccess?: (result: Awaited<Result>) => Awaited<Result> | undefined | void;
  /**
   * Called once with whatever the original threw or rejected with. Leave both callbacks out when
   * there is nothing to record: the original's result then reaches the caller unobserved.
   */
  onError?: (error: unknown) => void;
}

/**
 * Calls a library function exactly once, instrumented when that is possible and plainly when
 * it is not. `prepare` (span start, injection) runs guarded: if it throws, the original is called
 * with the caller's own arguments. The original's own errors reach the caller unchanged, and
 * failures in `onSuccess` / `onError` are reported, never thrown.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function invokeInstrumented<This, Args extends unknown[], Result>(
  where: string,
  original: (this: This, ...args: Args) => Result,
  thisArg: This,
  args: Args,
  prepare: (args: Args) => InstrumentedCall<Args, Result> | undefined,
): Result {
  // No guard() closure and no label built per call: this runs on every message, and the labels
  // are only needed when something fails.
  let call: InstrumentedCall<Args, Result> | undefined;
  try {
    call = prepare(args);
  } catch (error) {
    reportInternalError(`${where} (before the call)`, error);
  }
  if (!call) return original.apply(thisArg, args);
  const callArgs = call.args ?? args;
  const ctx = call.context;
  const { onSuccess, onError } = call;
  // Unobserved (an unsampled span, no metrics): only the original, in the call's context.
  if (!onSuccess && !onError) return callIn(ctx, original, thisArg, callArgs);
  let result: Result;
  try {
    result = callIn(ctx, original, thisArg, callArgs);
  } catch (error) {
    if (onError) {
      try {
        onError(error);
      } catch (failure) {
        reportInternalError(`${where} (after the call)`, failure);
      }
    }
    throw error;
  }
  if (isPromiseLike(result)) {
    const settled: Result = result;
    return whenSettled<Result>(`${where} (after the call)`, () => settled, {
      onValue: onSuccess
        ? (value) => (onSuccess(value) ?? undefined) as Awaited<Result> | undefined
        : undefined,
      onError,
    });
  }
  // A plain value (amqplib's publish answers a boolean): settled here, without closures.
  if (onSuccess) {
    try {
      const replaced = onSuccess(result as Awaited<Result>);
      if (replaced !== undefined) return replaced as Result;
    } catch (failure) {
      reportInternalError(`${where} (after the call)`, failure);
    }
  }
  return result;
}

function callIn<This, Args extends unknown[], Result>(
  ctx: Context | undefined,
  original: (this: This, ...args: Args) => Result,
  thisArg: This,
  args: Args,
): Result {
  return ctx ? context.with(ctx, original, thisArg, ...args) : original.apply(thisArg, args);
}
