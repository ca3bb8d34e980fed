import { describe, expect, it } from '@jest/globals';
import { extensibleCopy } from '../src/values.js';

describe('extensibleCopy', () => {
  it('copies own enumerable entries, symbols included, as a spread does', () => {
    const marker = Symbol('marker');
    const source = Object.create({ inherited: 1 }) as Record<PropertyKey, unknown>;
    source.a = 1;
    source.b = { nested: true };
    source[marker] = 'm';
    Object.defineProperty(source, 'hidden', { value: 1, enumerable: false });
    const copy = extensibleCopy(source);
    expect(copy).not.toBe(source);
    expect(copy).toEqual({ ...source });
    expect(Reflect.ownKeys(copy)).toEqual(Reflect.ownKeys({ ...source }));
    expect(copy.b).toBe(source.b);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('keeps an own __proto__ key as plain data, never as the prototype', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const copy = extensibleCopy(source) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('falls back to a spread when assignment throws (a read-only inherited key)', () => {
    Object.defineProperty(Object.prototype, 'msgtraceReadOnly', {
      value: 'inherited',
      writable: false,
      configurable: true,
    });
    try {
      const source = JSON.parse('{"msgtraceReadOnly": "own", "a": 1}') as Record<string, unknown>;
      const copy = extensibleCopy(source);
      expect(Object.keys(copy)).toEqual(['msgtraceReadOnly', 'a']);
      expect(copy.msgtraceReadOnly).toBe('own');
    } finally {
      delete (Object.prototype as Record<string, unknown>).msgtraceReadOnly;
    }
  });
});
