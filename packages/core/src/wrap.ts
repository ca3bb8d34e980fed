/**
 * Method wrapping with the marks OpenTelemetry's shimmer uses (`__wrapped`, `__original`,
 * `__unwrap`), so `isWrapped` from `@opentelemetry/instrumentation` and other tools recognise
 * msgtrace's wrappers, and wrapping twice never stacks.
 */
type Method = (...args: never[]) => unknown;

interface Marked {
  __wrapped?: boolean;
  __original?: unknown;
  __unwrap?: () => void;
}

function isMarked(value: unknown): value is Method & Marked {
  return typeof value === 'function' && (value as Marked).__wrapped === true;
}

/**
 * Replaces `object[name]` with `wrapper(original)`; does nothing if it is already wrapped.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function wrapMethod<T extends object, K extends keyof T>(
  object: T,
  name: K,
  wrapper: (original: T[K]) => T[K],
): void {
  const original = object[name];
  if (typeof original !== 'function' || isMarked(original)) return;
  const wrapped = wrapper(original) as T[K] & Marked;
  const marks: Required<Marked> = {
    __wrapped: true,
    __original: original,
    __unwrap: () => {
      if (object[name] === wrapped) object[name] = original;
    },
  };
  for (const [key, value] of Object.entries(marks)) {
    Object.defineProperty(wrapped, key, {
      value,
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  object[name] = wrapped;
}

/**
 * Puts back what `wrapMethod` replaced, if it is still in place.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function unwrapMethod<T extends object>(object: T, name: keyof T): void {
  const current = object[name];
  if (isMarked(current)) current.__unwrap?.();
}
