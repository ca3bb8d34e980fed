import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { guard, isPromiseLike, reportInternalError, runUserHook } from '../src/guard';

const logger = {
  error: jest.fn(),
  warn: jest.fn(),
  info: jest.fn(),
  debug: jest.fn(),
  verbose: jest.fn(),
};

beforeEach(() => {
  jest.clearAllMocks();
  diag.setLogger(logger, DiagLogLevel.ERROR);
});
afterEach(() => diag.disable());

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('guard', () => {
  it('returns the value of code that works', () => {
    expect(guard('works', () => 42)).toBe(42);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('turns a throw into undefined and logs it once per place', () => {
    const where = `place-${Math.random()}`;
    for (let i = 0; i < 5; i++) {
      expect(
        guard(where, () => {
          throw new Error('boom');
        }),
      ).toBeUndefined();
    }
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]?.[0]).toContain(where);
  });

  it('logs failures of different places separately', () => {
    reportInternalError(`a-${Math.random()}`, new Error('x'));
    reportInternalError(`b-${Math.random()}`, 'not even an error');
    expect(logger.error).toHaveBeenCalledTimes(2);
  });
});

describe('runUserHook', () => {
  it('passes the arguments through', () => {
    const hook = jest.fn();
    runUserHook('h', hook, 1, 'two');
    expect(hook).toHaveBeenCalledWith(1, 'two');
  });

  it('swallows and reports a hook that throws', () => {
    expect(() =>
      runUserHook(`throws-${Math.random()}`, () => {
        throw new TypeError('bad hook');
      }),
    ).not.toThrow();
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('catches a hook whose promise rejects, so no unhandled rejection escapes', async () => {
    runUserHook(`rejects-${Math.random()}`, async () => {
      throw new Error('async bad hook');
    });
    await flush();
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('ignores a missing or non-function hook', () => {
    expect(() => runUserHook('none', undefined)).not.toThrow();
    expect(() => runUserHook('not a function', 'oops' as unknown as () => void)).not.toThrow();
  });
});

describe('isPromiseLike', () => {
  it('recognises thenables and nothing else', () => {
    // biome-ignore lint/suspicious/noThenProperty: a hand-made thenable is what is under test
    const thenable = { then: () => undefined };
    // biome-ignore lint/suspicious/noThenProperty: so is an object whose then is no function
    const notThenable = { then: 1 };
    expect(isPromiseLike(Promise.resolve())).toBe(true);
    expect(isPromiseLike(thenable)).toBe(true);
    for (const value of [null, undefined, 1, 'then', {}, notThenable]) {
      expect(isPromiseLike(value)).toBe(false);
    }
  });
});
