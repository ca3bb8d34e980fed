import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { invokeInstrumented } from '../src/instrumented-call';

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const KEY = createContextKey('test');

function library() {
  const calls: unknown[][] = [];
  const original = function (this: { name: string }, ...args: unknown[]) {
    calls.push([this.name, ...args, context.active().getValue(KEY)]);
    return `result of ${args.join(',')}`;
  };
  return { calls, original, self: { name: 'client' } };
}

describe('invokeInstrumented', () => {
  it('calls the original once with the prepared arguments in the prepared context', () => {
    const { calls, original, self } = library();
    const onSuccess = jest.fn((_result: unknown) => undefined);
    const result = invokeInstrumented('test', original, self, ['a'], () => ({
      args: ['a+context'],
      context: ROOT_CONTEXT.setValue(KEY, 'active'),
      onSuccess,
    }));
    expect(result).toBe('result of a+context');
    expect(calls).toEqual([['client', 'a+context', 'active']]);
    expect(onSuccess).toHaveBeenCalledWith('result of a+context');
  });

  it('runs an unobserved call (no callbacks) in the prepared context and hands back its own result', async () => {
    const { calls, original, self } = library();
    const result = invokeInstrumented('test unobserved', original, self, ['a', 'b'], () => ({
      args: ['a+context', 'b'],
      context: ROOT_CONTEXT.setValue(KEY, 'unobserved'),
    }));
    expect(result).toBe('result of a+context,b');
    expect(calls).toEqual([['client', 'a+context', 'b', 'unobserved']]);
    const pending = Promise.resolve('value');
    const same = invokeInstrumented(
      'test unobserved promise',
      () => pending,
      self,
      [],
      () => ({}),
    );
    expect(same).toBe(pending);
  });

  it("calls the original plainly, with the caller's arguments, when prepare throws", () => {
    const { calls, original, self } = library();
    const result = invokeInstrumented('test prepare throws', original, self, ['a'], () => {
      throw new Error('instrumentation bug');
    });
    expect(result).toBe('result of a');
    expect(calls).toEqual([['client', 'a', undefined]]);
  });

  it('calls the original plainly when prepare declines', () => {
    const { calls, original, self } = library();
    invokeInstrumented('test', original, self, ['a'], () => undefined);
    expect(calls).toHaveLength(1);
  });

  it("rethrows the original's own error unchanged after recording it", () => {
    const error = new RangeError('from the library');
    const onError = jest.fn();
    expect(() =>
      invokeInstrumented(
        'test',
        () => {
          throw error;
        },
        undefined,
        [],
        () => ({ onError }),
      ),
    ).toThrow(error);
    expect(onError).toHaveBeenCalledWith(error);
  });

  it('keeps the result when onSuccess throws, and the error when onError throws', async () => {
    const { original, self } = library();
    expect(
      invokeInstrumented('test onSuccess throws', original, self, ['x'], () => ({
        onSuccess: () => {
          throw new Error('bug');
        },
      })),
    ).toBe('result of x');
    const error = new Error('library');
    await expect(
      invokeInstrumented(
        'test onError throws',
        () => Promise.reject(error),
        undefined,
        [],
        () => ({
          onError: () => {
            throw new Error('bug');
          },
        }),
      ),
    ).rejects.toBe(error);
  });

  it('observes promises: resolves and rejects exactly like the original', async () => {
    const onSuccess = jest.fn((_result: unknown) => undefined);
    const onError = jest.fn();
    await expect(
      invokeInstrumented(
        'test',
        async () => 7,
        undefined,
        [],
        () => ({ onSuccess, onError }),
      ),
    ).resolves.toBe(7);
    expect(onSuccess).toHaveBeenCalledWith(7);
    const error = new Error('rejected');
    await expect(
      invokeInstrumented(
        'test',
        async () => Promise.reject(error),
        undefined,
        [],
        () => ({
          onSuccess,
          onError,
        }),
      ),
    ).rejects.toBe(error);
    expect(onError).toHaveBeenCalledWith(error);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('leaves an unhandled rejection unhandled', () => {
    // Jest intercepts unhandled rejections itself, so this runs in a plain Node process against
    // the build: the application's own unhandled-rejection handling must still fire.
    const script = `
      const { invokeInstrumented } = require(${JSON.stringify(join(__dirname, '..', 'dist', 'cjs', 'index.js'))});
      process.on('unhandledRejection', (reason) => { console.log('unhandled:', reason.message); });
      invokeInstrumented('test', () => Promise.reject(new Error('nobody catches me')), undefined, [], () => ({ onError() {} }));
    `;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('unhandled: nobody catches me');
  });
});
