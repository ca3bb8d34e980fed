import { guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import type { CarriedTask, PoolLibrary } from '../describe.js';

/** `run(task, options)` of piscina's and tinypool's pool classes. */
type Run = (this: unknown, task: unknown, ...rest: unknown[]) => unknown;

/** A pool class, as the library exports it. */
export interface PoolClass {
  prototype: { run?: Run };
}

/** Where `run()` leaves the context for the port patch to attach when the pool posts the task. */
export type PendingTasks = WeakMap<object, CarriedTask>;

// Piscina.move() / Tinypool.move() wrap a task in an object the pool unwraps and whose transfer
// list it concatenates into a new array; the unwrapped value is then what identifies the task.
const MOVED_VALUE: Record<PoolLibrary, symbol> = {
  piscina: Symbol.for('Piscina.valueOf'),
  tinypool: Symbol.for('Tinypool.valueOf'),
};

function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The options to call `run` with so that the request the pool posts can be recognised: the same
 * options with a fresh transfer list holding the same transferables (the pool keeps the array it
 * is given and posts with it). Undefined when the caller's options are not what the pool accepts:
 * then the pool sees them untouched and rejects them as it would.
 */
function optionsToMark(
  task: unknown,
  options: unknown,
  carried: CarriedTask,
  pending: PendingTasks,
): object | undefined {
  if (options !== undefined && !isObject(options)) return undefined;
  const given = options?.transferList;
  if (given !== undefined && given !== null && !Array.isArray(given)) return undefined;
  const transferList = Array.isArray(given) ? [...given] : [];
  pending.set(transferList, carried);
  if (isObject(task)) {
    const moved = task[MOVED_VALUE[carried.pool]];
    if (isObject(moved)) pending.set(moved, carried);
  }
  return { ...options, transferList };
}

/**
 * Wraps `run` of a pool class: when a span is active, the context is captured here, at the call,
 * and attached to the request whenever the pool actually posts it (queued tasks are posted later,
 * from another context). With no span active, `run` is called exactly as the app called it.
 */
export function instrumentPoolClass(
  Pool: PoolClass,
  pool: PoolLibrary,
  carry: (pool: PoolLibrary) => CarriedTask | undefined,
  pending: PendingTasks,
): void {
  wrapMethod(Pool.prototype, 'run', (original) => {
    const run = original as Run;
    return function tracedRun(this: unknown, task: unknown, ...rest: unknown[]): unknown {
      const carried = guard('worker pool run', () => carry(pool));
      if (!carried) return run.call(this, task, ...rest);
      const options = guard('worker pool run', () =>
        optionsToMark(task, rest[0], carried, pending),
      );
      if (!options) return run.call(this, task, ...rest);
      return run.call(this, task, options, ...rest.slice(1));
    };
  });
}

export function restorePoolClass(Pool: PoolClass): void {
  unwrapMethod(Pool.prototype, 'run');
}

/** The pool class among a module's exports (CommonJS `module.exports`, or a named/default export). */
export function poolClassOf(exports: unknown): PoolClass | undefined {
  const candidates = [exports, (exports as { default?: unknown })?.default];
  for (const name of ['Piscina', 'Tinypool']) {
    candidates.push((exports as Record<string, unknown> | null)?.[name]);
  }
  for (const candidate of candidates) {
    if (typeof candidate === 'function' && typeof candidate.prototype?.run === 'function') {
      return candidate as PoolClass;
    }
  }
  return undefined;
}
