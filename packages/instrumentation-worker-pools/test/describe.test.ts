import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  CARRIED_TASK_KEY,
  carriesTask,
  describeTaskRequest,
  taskOutcomeOf,
  withCarriedTask,
} from '../src/describe';
import { SUPPORTED_VERSIONS, WorkerPoolsInstrumentation } from '../src/instrumentation';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

const carried = {
  carrier: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  pool: 'piscina' as const,
};

describe('task requests', () => {
  it('carry the context next to the task, leaving the pool its own message object', () => {
    const task = { order: 1 };
    const request = { taskId: 7, task, filename: '/app/workers/fraud.js', name: 'default' };
    const sent = withCarriedTask(request, carried);
    expect(sent).not.toBe(request);
    expect(sent.task).toBe(task);
    expect(request).not.toHaveProperty(CARRIED_TASK_KEY);
    expect(carriesTask(sent)).toBe(true);
    expect(carriesTask(request)).toBe(false);
  });

  it('describe the task span: file name, named export, pool, ids', () => {
    const request = withCarriedTask(
      { taskId: 7, task: 1, filename: '/app/workers/fraud.js', name: 'score' },
      carried,
    );
    expect(describeTaskRequest(request, 3)).toEqual({
      taskId: 7,
      spanName: 'task fraud.js#score',
      carrier: carried.carrier,
      attributes: {
        'msgtrace.worker_pool.task_id': 7,
        'thread.id': 3,
        'msgtrace.worker_pool.library': 'piscina',
        'code.file.path': '/app/workers/fraud.js',
        'code.function.name': 'score',
      },
    });
    const windows = withCarriedTask(
      { taskId: 1, filename: 'C:\\app\\w.js', name: 'default' },
      carried,
    );
    expect(describeTaskRequest(windows, 1)?.spanName).toBe('task w.js');
  });

  it('yield nothing for hostile or foreign messages, never a throw', () => {
    const hostile = [
      null,
      42,
      'text',
      { taskId: 1 },
      { [CARRIED_TASK_KEY]: carried },
      { [CARRIED_TASK_KEY]: 'nope', taskId: 1 },
      { [CARRIED_TASK_KEY]: { carrier: 5 }, taskId: 1 },
      { [CARRIED_TASK_KEY]: carried, taskId: '1' },
    ];
    for (const message of hostile) expect(describeTaskRequest(message, 1)).toBeUndefined();
    // Non-string carrier fields are dropped, an unknown pool is not recorded.
    const odd = describeTaskRequest(
      { taskId: 2, [CARRIED_TASK_KEY]: { carrier: { traceparent: 'x', n: 1 }, pool: 'other' } },
      1,
    );
    expect(odd?.carrier).toEqual({ traceparent: 'x' });
    expect(odd?.spanName).toBe('task other');
    expect(odd?.attributes).not.toHaveProperty('msgtrace.worker_pool.library');
  });
});

describe('task responses', () => {
  it('say which task ended and what it threw', () => {
    const error = new TypeError('bad');
    expect(taskOutcomeOf({ taskId: 3, result: 1, error: null })).toEqual({
      taskId: 3,
      error: undefined,
    });
    expect(taskOutcomeOf({ taskId: 3, result: null, error })).toEqual({ taskId: 3, error });
    expect(taskOutcomeOf({ taskId: 3, result: 1 })).toBeUndefined();
    expect(taskOutcomeOf({ ready: true })).toBeUndefined();
    expect(taskOutcomeOf(undefined)).toBeUndefined();
  });
});

describe('package identity', () => {
  it('reports the name and version package.json publishes, and the tested ranges', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    expect([PACKAGE_NAME, PACKAGE_VERSION]).toEqual([manifest.name, manifest.version]);
    expect(SUPPORTED_VERSIONS).toEqual({ piscina: '>=4.0.0 <6', tinypool: '>=1.0.0 <3' });
    const off = new WorkerPoolsInstrumentation({ enabled: false });
    expect(off.isEnabled()).toBe(false);
    off.enable();
    expect(off.isEnabled()).toBe(true);
    off.disable();
    expect(off.isEnabled()).toBe(false);
  });
});
