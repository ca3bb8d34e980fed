import { syncBuiltinESMExports } from 'node:module';
import workerThreads, { isMainThread, MessagePort, threadId } from 'node:worker_threads';
import { guard, unwrapMethod, wrapMethod } from '@msgtrace/core';
import { context, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import { carriesTask, describeTaskRequest, taskOutcomeOf, withCarriedTask } from '../describe.js';
import type { TaskTelemetry } from '../telemetry.js';
import type { PendingTasks } from './pool-run.js';

type Listener = (this: unknown, value: unknown) => unknown;
type ListenerMethod = (this: MessagePort, type: unknown, listener: unknown) => unknown;
type PostMessage = (this: MessagePort, message: unknown, ...rest: unknown[]) => unknown;
type Receive = (port: unknown) => { message: unknown } | undefined;

/** What the port patches need from the instrumentation. */
export interface PortHooks {
  telemetry(): TaskTelemetry;
  pending: PendingTasks;
  enabled(): boolean;
}

const port = MessagePort.prototype as unknown as Record<string, unknown>;

/**
 * The worker's side lives on MessagePort itself, because piscina's and tinypool's worker loops
 * are module-private functions: a task request reaches them either as a `message` event (the pool
 * registered `port.on('message', …)`) or, while the worker idles in `Atomics.wait`, through
 * `receiveMessageOnPort`. Either way it is handed to the pool's listener inside the task span's
 * context; the span ends when the worker posts the response for that task id. Messages that carry
 * nothing from msgtrace go through untouched.
 */
class WorkerSide {
  // Per port: the app's listener → the wrapper registered in its place, so `off` still finds it.
  private readonly listeners = new WeakMap<object, Map<unknown, Listener>>();
  // Per port: open task spans by task id.
  private readonly open = new WeakMap<object, Map<number, Span>>();

  constructor(private readonly hooks: PortHooks) {}

  wrapperFor(target: object, listener: Listener): Listener {
    let wrappers = this.listeners.get(target);
    if (!wrappers) {
      wrappers = new Map();
      this.listeners.set(target, wrappers);
    }
    let wrapper = wrappers.get(listener);
    if (!wrapper) {
      const side = this;
      wrapper = function taskAwareListener(this: unknown, value: unknown) {
        if (!carriesTask(value) || !side.hooks.enabled()) return listener.call(this, value);
        return side.deliver(target, value, listener, this);
      };
      wrappers.set(listener, wrapper);
    }
    return wrapper;
  }

  registeredWrapper(target: object, listener: unknown): unknown {
    const wrappers = this.listeners.get(target);
    const wrapper = wrappers?.get(listener);
    if (!wrapper) return listener;
    wrappers?.delete(listener);
    return wrapper;
  }

  /** Runs the pool's listener for one request in the task span's context. */
  deliver(target: object, message: unknown, listener: Listener, thisArg: unknown): unknown {
    const started = guard('worker task start', () => {
      const task = describeTaskRequest(message, threadId);
      const begun = task && this.hooks.telemetry().startTask(task);
      if (!task || !begun) return undefined;
      let open = this.open.get(target);
      if (!open) {
        open = new Map();
        this.open.set(target, open);
      }
      open.get(task.taskId)?.end();
      open.set(task.taskId, begun.span);
      return begun;
    });
    if (!started) return listener.call(thisArg, message);
    return context.with(started.context, () => listener.call(thisArg, message));
  }

  /**
   * A request taken off the port by the idle loop: handed to the pool's listeners like an event
   * (from the root context, as an event would be; a carried context then applies), and `undefined` returned, which ends the pool's receive loop —
   * the task now running keeps the worker out of `Atomics.wait`, and later requests arrive as
   * events. Without a listener to hand it to, the pool gets the message as it came.
   */
  received(target: object, entry: { message: unknown }): { message: unknown } | undefined {
    const wrappers = this.listeners.get(target);
    if (!wrappers || wrappers.size === 0) return entry;
    context.with(ROOT_CONTEXT, () => {
      for (const wrapper of [...wrappers.values()]) wrapper.call(target, entry.message);
    });
    return undefined;
  }

  /** The pool posting a response: the task's span ends first, so it leaves before the result. */
  responding(target: object, message: unknown): void {
    const open = this.open.get(target);
    if (!open || open.size === 0) return;
    const outcome = taskOutcomeOf(message);
    const span = outcome && open.get(outcome.taskId);
    if (!outcome || !span) return;
    open.delete(outcome.taskId);
    this.hooks.telemetry().endTask(span, outcome.error);
  }
}

function wrapListenerMethods(side: WorkerSide): void {
  for (const name of ['on', 'addListener']) {
    wrapMethod(port, name, (original) => {
      const add = original as ListenerMethod;
      return function addTaskAware(this: MessagePort, type: unknown, listener: unknown) {
        if (type !== 'message' || typeof listener !== 'function') {
          return add.call(this, type, listener);
        }
        const wrapper = guard('worker port listener', () =>
          side.wrapperFor(this, listener as Listener),
        );
        return add.call(this, type, wrapper ?? listener);
      };
    });
  }
  for (const name of ['off', 'removeListener']) {
    wrapMethod(port, name, (original) => {
      const remove = original as ListenerMethod;
      return function removeTaskAware(this: MessagePort, type: unknown, listener: unknown) {
        if (type !== 'message') return remove.call(this, type, listener);
        return remove.call(this, type, side.registeredWrapper(this, listener));
      };
    });
  }
  const threads = workerThreads as unknown as Record<string, unknown>;
  wrapMethod(threads, 'receiveMessageOnPort', (original) => {
    const receive = original as Receive;
    return function receiveTaskAware(target: unknown) {
      const entry = receive(target);
      if (!entry || typeof target !== 'object' || !target) return entry;
      // The pool's idle loop runs at the end of the previous task, in that task's context: a
      // request without a context of its own must not run in it.
      if (!carriesTask(entry.message) && !trace.getSpan(context.active())) return entry;
      return side.received(target, entry);
    };
  });
  // ES modules (tinypool's worker) import the binding: make them see the wrapper too.
  syncBuiltinESMExports();
}

function wrapPostMessage(hooks: PortHooks, side: WorkerSide | undefined): void {
  wrapMethod(port, 'postMessage', (original) => {
    const post = original as PostMessage;
    return function postTaskAware(this: MessagePort, message: unknown, ...rest: unknown[]) {
      if (!hooks.enabled()) return post.call(this, message, ...rest);
      const outgoing = guard('worker pool post', () => {
        side?.responding(this, message);
        const transfer = rest[0];
        const task = (message as { task?: unknown } | null)?.task;
        const key = [transfer, task].find(
          (candidate): candidate is object =>
            typeof candidate === 'object' && candidate !== null && hooks.pending.has(candidate),
        );
        if (!key || typeof message !== 'object' || message === null) return message;
        const carried = hooks.pending.get(key);
        hooks.pending.delete(key);
        return carried ? withCarriedTask(message, carried) : message;
      });
      return post.call(this, outgoing === undefined ? message : outgoing, ...rest);
    };
  });
}

/** Installs the MessagePort patches: posting everywhere, receiving in worker threads only. */
export function instrumentPorts(hooks: PortHooks): void {
  const side = isMainThread ? undefined : new WorkerSide(hooks);
  wrapPostMessage(hooks, side);
  if (side) wrapListenerMethods(side);
}

export function restorePorts(): void {
  for (const name of ['postMessage', 'on', 'addListener', 'off', 'removeListener']) {
    unwrapMethod(port, name);
  }
  unwrapMethod(workerThreads as unknown as Record<string, unknown>, 'receiveMessageOnPort');
  syncBuiltinESMExports();
}
