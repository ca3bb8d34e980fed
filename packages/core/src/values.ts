/**
 * Small type helpers every package needs when it reads library arguments and broker data, which
 * are untyped at run time whatever their declarations say.
 */

/**
 * Any function, as a library method or a user callback is before msgtrace knows more of it.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export type AnyFunction = (...args: unknown[]) => unknown;

/**
 * A non-null object whose properties can be read (arrays and functions excluded).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
