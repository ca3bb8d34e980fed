import { EventEmitter } from 'node:events';
import { describe, expect, it, jest } from '@jest/globals';
import { type ExitTarget, installExitHooks } from '../src/exit-hooks';

class FakeProcess extends EventEmitter {
  pid = 4242;
  kill = jest.fn<(pid: number, signal: string) => boolean>(() => true);
  exit = jest.fn<(code?: number) => void>();
}

// Waits past the 30 ms timeout are generous: the CI machine is shared and timers run late.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(shutdown: () => Promise<void> = async () => {}) {
  const target = new FakeProcess();
  const calls = {
    shutdown: jest.fn(shutdown),
    flush: jest.fn(async () => {}),
    onTimeout: jest.fn<(what: string) => void>(),
  };
  installExitHooks({ ...calls, timeoutMs: 30, target: target as unknown as ExitTarget });
  return { target, ...calls };
}

describe('installExitHooks', () => {
  it('shuts down once when the event loop drains, and lets the process exit by itself', async () => {
    const { target, shutdown } = setup();
    target.emit('beforeExit');
    target.emit('beforeExit');
    await sleep(50);
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(target.exit).not.toHaveBeenCalled();
  });

  it('exits after the timeout when a flush hangs at exit', async () => {
    const { target, onTimeout } = setup(() => new Promise(() => {}));
    target.emit('beforeExit');
    await sleep(300);
    expect(onTimeout).toHaveBeenCalledWith('shutdown at exit');
    expect(target.exit).toHaveBeenCalledWith();
  });

  it('on a signal nobody else handles, shuts down and then re-raises it', async () => {
    const { target, shutdown } = setup();
    target.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(shutdown).toHaveBeenCalledTimes(1);
    expect(target.kill).toHaveBeenCalledWith(4242, 'SIGTERM');
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
    target.emit('beforeExit');
    expect(shutdown).toHaveBeenCalledTimes(1);
  });

  it('re-raises after the timeout when the shutdown hangs, and at once on a second signal', async () => {
    const { target, onTimeout } = setup(() => new Promise(() => {}));
    target.emit('SIGINT', 'SIGINT');
    expect(target.kill).not.toHaveBeenCalled();
    target.emit('SIGINT', 'SIGINT');
    expect(target.kill).toHaveBeenCalledWith(4242, 'SIGINT');
    await sleep(300);
    expect(onTimeout).toHaveBeenCalledWith('shutdown on SIGINT');
  });

  it('only flushes when the app handles the signal itself', async () => {
    const { target, shutdown, flush } = setup();
    const appHandler = jest.fn();
    target.on('SIGTERM', appHandler);
    target.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(shutdown).not.toHaveBeenCalled();
    expect(target.kill).not.toHaveBeenCalled();
    expect(appHandler).toHaveBeenCalled();
  });

  it('survives a shutdown that throws or rejects', async () => {
    const throwing = setup(() => {
      throw new Error('sync boom');
    });
    throwing.target.emit('SIGTERM', 'SIGTERM');
    await sleep(10);
    expect(throwing.target.kill).toHaveBeenCalledWith(4242, 'SIGTERM');
    const rejecting = setup(() => Promise.reject(new Error('async boom')));
    rejecting.target.emit('beforeExit');
    await sleep(10);
    expect(rejecting.target.exit).not.toHaveBeenCalled();
  });
});
