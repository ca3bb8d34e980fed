import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, type ReceivedSpan, spansNamed } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AUTO, fixture, withReceiver } from '../../src/auto';

const versions = join(__dirname, '..', '..', 'versions');
const POOLS = [
  { pool: 'piscina', module: 'piscina' },
  { pool: 'piscina', module: join(versions, 'piscina-lowest', 'node_modules', 'piscina') },
  { pool: 'tinypool', module: 'tinypool' },
  {
    pool: 'tinypool',
    module: join(versions, 'tinypool-lowest', 'node_modules', 'tinypool', 'dist', 'index.js'),
    cwd: join(versions, 'tinypool-lowest'),
  },
] as const;

interface TaskResult {
  received: { type: string; keys: string[]; id?: unknown; bytes?: number; carried: string[] };
  traceId?: string;
  spanId?: string;
  appTraceId?: string;
  appSpanId?: string;
}

function lastJson<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}

const taskSpans = (spans: ReceivedSpan[]) => spans.filter((s) => s.name.startsWith('task '));

describe.each(POOLS)('$pool from $module under the register entry', ({ pool, module, ...rest }) => {
  const apps = withReceiver();
  const env = { POOL: pool, POOL_MODULE: module };
  const cwd = 'cwd' in rest ? { cwd: rest.cwd } : {};

  it('runs each task under a task span whose parent is the span active at run()', async () => {
    const result = await apps.run(fixture('worker-pools/fixtures/pool-app.cjs'), {
      require: [AUTO],
      ...cwd,
      env: { ...env, SCENARIO: 'basic' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [first, transfer, primitive, named, outside] = lastJson<TaskResult[]>(result.stdout) as [
      TaskResult,
      { transferred: number },
      TaskResult,
      TaskResult,
      TaskResult,
    ];
    // The worker's function got the task as passed: same keys, no msgtrace field, the buffer
    // transferred (detached in the app), a primitive as a primitive.
    expect(first.received).toEqual({
      type: '[object Object]',
      keys: ['id', 'nested', 'buffer'],
      id: 1,
      bytes: 16,
      carried: [],
    });
    expect(transfer.transferred).toBe(0);
    expect(primitive.received.type).toBe('[object Number]');

    const spans = result.spans;
    const request1 = onlySpan(spans, 'request 1');
    const task1 = taskSpans(spans).find((s) => s.parentSpanId === request1.spanId);
    if (!task1) throw new Error('no task span under request 1');
    assertSpan(task1, {
      kind: SpanKind.INTERNAL,
      parent: request1,
      attributes: {
        'msgtrace.worker_pool.library': pool,
        'code.file.path': fixture('worker-pools/fixtures/task-worker.cjs'),
      },
    });
    expect(task1.name).toBe('task task-worker.cjs');
    expect(first).toMatchObject({ traceId: request1.traceId, spanId: task1.spanId });
    assertSpan(onlySpan(spans, 'work 1'), { parent: task1 });

    const request3 = onlySpan(spans, 'request 3');
    assertSpan(onlySpan(spans, 'task task-worker.cjs#named'), {
      parent: request3,
      attributes: { 'code.function.name': 'named' },
    });
    expect(named).toMatchObject({ received: { id: 3 }, traceId: request3.traceId });
    expect(spansNamed(spans, 'task task-worker.cjs')).toHaveLength(2);
    // No span active at run(): no task span, and the worker's own span is a root.
    expect(outside.traceId).toBeUndefined();
    expect(onlySpan(spans, 'work outside').parentSpanId).toBeUndefined();
  });

  it('keeps concurrent and queued tasks in their own traces', async () => {
    const result = await apps.run(fixture('worker-pools/fixtures/pool-app.cjs'), {
      require: [AUTO],
      ...cwd,
      env: { ...env, SCENARIO: 'concurrent' },
    });
    expect(result.code).toBe(0);
    const results = lastJson<TaskResult[]>(result.stdout);
    expect(results).toHaveLength(12);
    for (const [i, outcome] of results.entries()) {
      const request = onlySpan(result.spans, `request ${i}`);
      const task = onlySpan(result.spans, `work ${i}`);
      expect(outcome.traceId).toBe(request.traceId);
      const taskSpan = taskSpans(result.spans).find((s) => s.spanId === task.parentSpanId);
      expect(taskSpan?.parentSpanId).toBe(request.spanId);
    }
  });

  it('records a throwing task on its span and leaves the app its error', async () => {
    const result = await apps.run(fixture('worker-pools/fixtures/pool-app.cjs'), {
      require: [AUTO],
      ...cwd,
      env: { ...env, SCENARIO: 'throws' },
    });
    expect(result.code).toBe(0);
    expect(lastJson(result.stdout)).toEqual([
      { name: 'TypeError', message: 'task bad refused', isTypeError: true },
    ]);
    const task = onlySpan(result.spans, 'task task-worker.cjs');
    assertSpan(task, {
      parent: onlySpan(result.spans, 'request failing'),
      attributes: { 'error.type': 'TypeError' },
    });
    expect(task.status.code).toBe(SpanStatusCode.ERROR);
    expect(task.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('delivers worker spans while the workers idle in Atomics.wait, before the app exits', async () => {
    let pid: number | undefined;
    const running = apps.run(fixture('worker-pools/fixtures/pool-app.cjs'), {
      require: [AUTO],
      ...cwd,
      env: { ...env, SCENARIO: 'idle' },
      onReady: (child) => {
        pid = child;
      },
    });
    // The app does nothing more until it is told to stop: the spans must come on their own.
    const spans = await apps
      .receiver()
      .waitFor(
        (received) =>
          received.some((s) => s.name === 'work before-idle') &&
          received.some((s) => s.name === 'task task-worker.cjs'),
        20_000,
      )
      .finally(() => {
        if (pid) process.kill(pid, 'SIGTERM');
      });
    const result = await running;
    expect(result.code).toBe(0);
    const task = onlySpan(spans, 'task task-worker.cjs');
    assertSpan(task, { parent: onlySpan(spans, 'request before idle') });
    assertSpan(onlySpan(spans, 'work before-idle'), { parent: task });
  });

  it('leaves the task alone in a worker without msgtrace (execArgv overridden)', async () => {
    const result = await apps.run(fixture('worker-pools/fixtures/pool-app.cjs'), {
      require: [AUTO],
      ...cwd,
      env: { ...env, SCENARIO: 'basic', WORKER_EXEC_ARGV: 'none' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [first, transfer, primitive] = lastJson<TaskResult[]>(result.stdout) as [
      TaskResult,
      { transferred: number },
      TaskResult,
    ];
    expect(first.received).toEqual({
      type: '[object Object]',
      keys: ['id', 'nested', 'buffer'],
      id: 1,
      bytes: 16,
      carried: [],
    });
    expect(transfer.transferred).toBe(0);
    expect(primitive.received.type).toBe('[object Number]');
    // Nothing runs in the worker to make spans; the app's own are there.
    expect(taskSpans(result.spans)).toEqual([]);
    expect(spansNamed(result.spans, 'request 1')).toHaveLength(1);
  });
});

describe.each(['piscina', 'tinypool'])(
  'an ES module app importing %s, through --import',
  (pool) => {
    const apps = withReceiver();

    it('is patched before its static import runs', async () => {
      const result = await apps.run(fixture('worker-pools/fixtures/pool-app.mjs'), {
        import: [AUTO],
        env: { POOL: pool },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const [outcome] = lastJson<TaskResult[]>(result.stdout) as [TaskResult];
      const request = onlySpan(result.spans, 'request esm');
      const task = onlySpan(result.spans, 'task task-worker.cjs');
      assertSpan(task, { parent: request, attributes: { 'msgtrace.worker_pool.library': pool } });
      assertSpan(onlySpan(result.spans, 'work esm'), { parent: task });
      expect(outcome).toMatchObject({ traceId: request.traceId, spanId: task.spanId });
    });
  },
);
