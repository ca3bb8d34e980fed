/**
 * The pure part: pool messages → what they say about a task. piscina and tinypool speak the same
 * protocol over a MessagePort per worker: a request `{ taskId, task, filename, name, … }` posted
 * with the task's transfer list, and a response `{ taskId, result, error, … }` posted back. The
 * caller's context travels as one more property of the request, next to `task`, never inside it:
 * a worker without msgtrace destructures the fields it knows and never sees it.
 */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CODE_FILE_PATH,
  ATTR_CODE_FUNCTION_NAME,
  ATTR_THREAD_ID,
  ATTR_WORKER_POOL_LIBRARY,
  ATTR_WORKER_POOL_TASK_ID,
} from './attributes.js';

/** The request property that carries the caller's context. */
export const CARRIED_TASK_KEY = '__msgtrace';

export type PoolLibrary = 'piscina' | 'tinypool';

/** What rides next to the task: the propagator's fields and which library posted it. */
export interface CarriedTask {
  carrier: Record<string, string>;
  pool: PoolLibrary;
}

/** A task request as the worker receives it, described for its span. */
export interface TaskDescription {
  taskId: number;
  spanName: string;
  attributes: Attributes;
  carrier: Record<string, string>;
}

/** The pool's response for one task. */
export interface TaskOutcome {
  taskId: number;
  /** What the worker's function threw or rejected with; undefined when it succeeded. */
  error: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The request the pool built, with the context added; the pool's own object is left alone. */
export function withCarriedTask<M extends object>(message: M, carried: CarriedTask): M {
  return { ...message, [CARRIED_TASK_KEY]: carried };
}

/** Whether a message is a request that carries a context (cheap: one property lookup). */
export function carriesTask(message: unknown): message is Record<string, unknown> {
  return isRecord(message) && CARRIED_TASK_KEY in message;
}

function carrierOf(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const carrier: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string') carrier[key] = field;
  }
  return carrier;
}

function fileName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/**
 * A request that carries a context → its task span: `task {file}` (with `#{export}` when the
 * pool calls a named export rather than the default one). Anything malformed → undefined.
 */
export function describeTaskRequest(
  message: unknown,
  threadId: number,
): TaskDescription | undefined {
  if (!carriesTask(message)) return undefined;
  const carried = message[CARRIED_TASK_KEY];
  const { taskId, filename, name } = message;
  if (!isRecord(carried) || typeof taskId !== 'number') return undefined;
  const carrier = carrierOf(carried.carrier);
  if (!carrier) return undefined;
  const file = typeof filename === 'string' ? filename : undefined;
  const exported = typeof name === 'string' && name !== 'default' ? name : undefined;
  const attributes: Attributes = {
    [ATTR_WORKER_POOL_TASK_ID]: taskId,
    [ATTR_THREAD_ID]: threadId,
  };
  if (carried.pool === 'piscina' || carried.pool === 'tinypool') {
    attributes[ATTR_WORKER_POOL_LIBRARY] = carried.pool;
  }
  if (file) attributes[ATTR_CODE_FILE_PATH] = file;
  if (exported) attributes[ATTR_CODE_FUNCTION_NAME] = exported;
  const target = file ? fileName(file) : String(carried.pool ?? 'worker');
  return {
    taskId,
    spanName: `task ${target}${exported ? `#${exported}` : ''}`,
    attributes,
    carrier,
  };
}

/** A pool's response message → the task it answers and how it ended; anything else → undefined. */
export function taskOutcomeOf(message: unknown): TaskOutcome | undefined {
  if (!isRecord(message) || typeof message.taskId !== 'number' || !('error' in message)) {
    return undefined;
  }
  const { error } = message;
  return { taskId: message.taskId, error: error === null ? undefined : error };
}
