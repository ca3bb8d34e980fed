/**
 * One value per process, however many copies of a package are loaded: a register entry loads the
 * CommonJS build while an ES module application imports the ES build, and both must see the same
 * instrumentation state (the enabled telemetry, what a receive remembered about its messages).
 * Kept on `globalThis` under `Symbol.for(key)`, created by `create` on first use.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function processWide<T>(key: string, create: () => T): T {
  const symbol = Symbol.for(key);
  const holder = globalThis as Record<symbol, T | undefined>;
  let value = holder[symbol];
  if (value === undefined) {
    value = create();
    holder[symbol] = value;
  }
  return value;
}
