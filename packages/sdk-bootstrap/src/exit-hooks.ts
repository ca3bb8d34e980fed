import { reportInternalError } from '@msgtrace/core';

/** The part of `process` the hooks use; tests hand in a fake. */
export type ExitTarget = Pick<
  NodeJS.Process,
  'pid' | 'on' | 'removeListener' | 'listeners' | 'kill' | 'exit'
>;

export interface ExitHooksOptions {
  /** Flushes and stops the SDK; no span is accepted afterwards. */
  shutdown(): Promise<void>;
  /** Exports what is buffered, leaving the SDK running. */
  flush(): Promise<void>;
  /** The longest either may hold up exit or a signal. */
  timeoutMs: number;
  /** Called once when a flush ran out of time. */
  onTimeout(what: string): void;
  target?: ExitTarget;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Runs `work` for at most `ms`. `keepAlive` decides whether the wait itself holds the event loop
 * open: on a signal it must (the process has to re-raise after the flush); at `beforeExit` it must
 * not (if nothing else is pending, exiting now is what Node would do).
 */
function withinTimeout(work: () => Promise<void>, ms: number, keepAlive: boolean) {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    if (!keepAlive) timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    try {
      work().then(done, (error: unknown) => {
        reportInternalError('flushing telemetry', error);
        done();
      });
    } catch (error) {
      reportInternalError('flushing telemetry', error);
      done();
    }
  });
}

/**
 * Flushes telemetry when the process ends, without changing how it ends:
 *
 * - `beforeExit` (the event loop drained): shut the SDK down, then let Node exit with the app's
 *   exit code. A flush stuck on an unreachable endpoint is cut off after the timeout.
 * - SIGTERM / SIGINT with no handler of the app's: Node would terminate right away, so shut down
 *   first (bounded), then re-raise the signal so the process dies of it (exit status 143 / 130,
 *   as without us). A second signal during that flush re-raises at once.
 * - SIGTERM / SIGINT that the app handles itself: only flush; the app decides when to stop, and
 *   `beforeExit` shuts down if it stops by draining.
 *
 * `process.exit()` skips all of this (Node runs no asynchronous work after it); spans still in
 * the batch queue at that moment are lost. The README says so.
 */
export function installExitHooks(options: ExitHooksOptions): void {
  const target = options.target ?? process;
  let shutdownStarted = false;
  let signalled = false;

  const reraise = (signal: NodeJS.Signals) => {
    for (const name of SIGNALS) target.removeListener(name, onSignal);
    target.kill(target.pid, signal);
  };

  function onSignal(signal: NodeJS.Signals) {
    const appHandles = target.listeners(signal).some((listener) => listener !== onSignal);
    if (appHandles) {
      void withinTimeout(options.flush, options.timeoutMs, false);
      return;
    }
    if (signalled) {
      reraise(signal);
      return;
    }
    signalled = true;
    shutdownStarted = true;
    void withinTimeout(options.shutdown, options.timeoutMs, true).then((inTime) => {
      if (!inTime) options.onTimeout(`shutdown on ${signal}`);
      reraise(signal);
    });
  }

  target.on('beforeExit', () => {
    if (shutdownStarted) return;
    shutdownStarted = true;
    void withinTimeout(options.shutdown, options.timeoutMs, false).then((inTime) => {
      if (inTime) return;
      options.onTimeout('shutdown at exit');
      // Only a pending export keeps the loop alive now; Node would already have exited. The
      // warning above is written on the next tick, so exit after it.
      setImmediate(() => target.exit());
    });
  });
  for (const name of SIGNALS) target.on(name, onSignal);
}
