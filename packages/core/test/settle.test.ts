import { describe, expect, it, jest } from '@jest/globals';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { runSettled } from '../src/settle';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const KEY = createContextKey('k');
const ctx = ROOT_CONTEXT.setValue(KEY, 'inside');

describe('runSettled', () => {
  it('runs in the context and settles once on return', () => {
    const settle = jest.fn();
    expect(runSettled('t', ctx, () => context.active().getValue(KEY), settle)).toBe('inside');
    expect(settle).toHaveBeenCalledWith(undefined, false);
  });

  it('settles with the error on a throw and on a rejection, passing both on', async () => {
    const settle = jest.fn();
    const error = new Error('x');
    expect(() =>
      runSettled(
        't',
        ctx,
        () => {
          throw error;
        },
        settle,
      ),
    ).toThrow(error);
    await expect(runSettled('t', ctx, () => Promise.reject(error), settle)).rejects.toBe(error);
    expect(settle.mock.calls).toEqual([
      [error, true],
      [error, true],
    ]);
  });

  it('settles after the promise resolves, and survives a settle that throws', async () => {
    const settle = jest.fn((_error: unknown, _failed: boolean) => {
      throw new Error('bug');
    });
    await expect(runSettled('t', ctx, async () => 5, settle)).resolves.toBe(5);
    expect(settle).toHaveBeenCalledWith(undefined, false);
  });
});
