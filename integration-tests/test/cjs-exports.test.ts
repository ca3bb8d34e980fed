import { describe, expect, it } from '@jest/globals';
import { PUBLISHED_PACKAGES } from '../src/packages';

/**
 * The CommonJS builds export plain values, not tsc's re-export getters (scripts/build-package.mjs,
 * `plainReExports`): an instrumentation calls into core through its index on every message, and a
 * getter there cost a load-IC miss and a call each time. Plain values are copied when the index
 * loads, so a module the index reaches before it finished loading (an import cycle) would export
 * `undefined`: that is what the second check catches.
 */

describe.each(PUBLISHED_PACKAGES)('%s (CommonJS)', (name) => {
  const exported = require(name) as Record<string, unknown>;
  const names = Object.keys(exported);

  it('exports something', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it('exports data properties, not getters', () => {
    const getters = names.filter((key) => Object.getOwnPropertyDescriptor(exported, key)?.get);
    expect(getters).toEqual([]);
  });

  it('exports no undefined value', () => {
    expect(names.filter((key) => exported[key] === undefined)).toEqual([]);
  });
});
