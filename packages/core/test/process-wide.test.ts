import { describe, expect, it } from '@jest/globals';
import { processWide } from '../src/process-wide';

describe('processWide', () => {
  it('creates the value once, and hands every caller the same one', () => {
    let created = 0;
    const make = () => {
      created += 1;
      return { n: created };
    };
    const first = processWide('msgtrace.test.process-wide', make);
    const second = processWide('msgtrace.test.process-wide', make);
    expect(second).toBe(first);
    expect(created).toBe(1);
    // What another copy of the package would find: the same symbol on globalThis.
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('msgtrace.test.process-wide')]).toBe(
      first,
    );
  });
});
