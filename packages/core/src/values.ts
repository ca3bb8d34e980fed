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

/**
 * A shallow copy of `object` (own enumerable properties, as a spread copies them) to which
 * properties will be added. On Node 20 (V8 11.3) adding a property to a spread copy makes a new
 * hidden class every time (a map copy and a migration: thousands of instructions per message),
 * where a copy made by `Object.assign` onto a fresh object follows a transition V8 keeps. An own
 * `__proto__` key (which `Object.assign` would turn into the copy's prototype) and an assignment
 * that throws (a frozen `Object.prototype` refuses a `toString` key) get the spread instead.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function extensibleCopy<T extends object>(object: T): T {
  if (Object.hasOwn(object, '__proto__')) return { ...object };
  try {
    return Object.assign({}, object);
  } catch {
    return { ...object };
  }
}
