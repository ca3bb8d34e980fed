import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { context, trace } from '@opentelemetry/api';
import { CARRIED_TASK_KEY, type CarriedTask } from '../src/describe';
import { WorkerPoolsInstrumentation } from '../src/instrumentation';
import { instrumentPoolClass, type PendingTasks, poolClassOf } from '../src/patches/pool-run';

const telemetry = setupTestTelemetry();
const tracer = trace.getTracer('worker-pools-test');
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

/** A pool with piscina's calling convention that records what `run` was called with. */
function fakePool() {
  const calls: { task: unknown; options: unknown }[] = [];
  class Pool {
    run(task: unknown, options?: unknown) {
      calls.push({ task, options });
      return Promise.resolve(task);
    }
  }
  return { Pool, calls };
}

const carried: CarriedTask = { carrier: { traceparent: 'x' }, pool: 'piscina' };

describe('run()', () => {
  it('is called exactly as the app called it when nothing is carried', () => {
    const { Pool, calls } = fakePool();
    const pending: PendingTasks = new WeakMap();
    instrumentPoolClass(Pool, 'piscina', () => undefined, pending);
    const options = { transferList: [new ArrayBuffer(1)], name: 'x' };
    void new Pool().run(1, options);
    expect(calls[0]?.options).toBe(options);
  });

  it('gets a fresh transfer list holding the same transferables, remembered for the post', () => {
    const { Pool, calls } = fakePool();
    const pending: PendingTasks = new WeakMap();
    instrumentPoolClass(Pool, 'piscina', () => carried, pending);
    const buffer = new ArrayBuffer(1);
    const options = { transferList: [buffer], name: 'score' };
    void new Pool().run({ id: 1 }, options);
    const given = calls[0]?.options as { transferList: unknown[]; name: string };
    expect(given).not.toBe(options);
    expect(given).toEqual({ transferList: [buffer], name: 'score' });
    expect(given.transferList).not.toBe(options.transferList);
    expect(pending.get(given.transferList)).toBe(carried);
    expect(options.transferList).toEqual([buffer]);
    void new Pool().run(2);
    const second = calls[1]?.options as { transferList: object } | undefined;
    expect(second && pending.get(second.transferList)).toBe(carried);
  });

  it('leaves options the pool would reject untouched, and remembers moved values', () => {
    const { Pool, calls } = fakePool();
    const pending: PendingTasks = new WeakMap();
    instrumentPoolClass(Pool, 'piscina', () => carried, pending);
    const odd = { transferList: 'nope' };
    void new Pool().run(1, odd);
    void new Pool().run(1, 'not options');
    expect(calls.map((c) => c.options)).toEqual([odd, 'not options']);
    const value = { bytes: new Uint8Array(2) };
    void new Pool().run({ [Symbol.for('Piscina.valueOf')]: value });
    expect(pending.get(value)).toBe(carried);
  });

  it('finds the pool class among the shapes the libraries export', () => {
    const { Pool } = fakePool();
    expect(poolClassOf(Pool)).toBe(Pool);
    expect(poolClassOf({ default: Pool })).toBe(Pool);
    expect(poolClassOf({ Tinypool: Pool })).toBe(Pool);
    expect(poolClassOf({})).toBeUndefined();
    expect(poolClassOf(null)).toBeUndefined();
  });
});

describe('the request a pool posts', () => {
  const instrumentation = new WorkerPoolsInstrumentation();
  afterAll(() => instrumentation.disable());

  it("carries the caller's context beside the task when posted with the list run() gave", () => {
    const { Pool, calls } = fakePool();
    instrumentation.instrumentModule('tinypool', { default: Pool });
    const span = tracer.startSpan('request');
    context.with(trace.setSpan(context.active(), span), () => void new Pool().run({ id: 2 }));
    span.end();
    const given = calls[0]?.options as { transferList: unknown[] } | undefined;
    const transferList = given?.transferList ?? [];
    const { port1, port2 } = new MessageChannel();
    // What the pool does later, from any context: post its own request with that list.
    const request = { taskId: 1, task: { id: 2 }, filename: '/w.js', name: 'default' };
    port1.postMessage(request, transferList as never);
    const sent = receiveMessageOnPort(port2)?.message as Record<string, unknown>;
    expect(sent.task).toEqual({ id: 2 });
    expect(sent[CARRIED_TASK_KEY]).toEqual({
      carrier: { traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01` },
      pool: 'tinypool',
    });
    expect(request).not.toHaveProperty(CARRIED_TASK_KEY);
    // Once only, and never for a list run() did not hand out.
    port1.postMessage(request, transferList as never);
    port1.postMessage(request, []);
    for (let i = 0; i < 2; i++) {
      expect(receiveMessageOnPort(port2)?.message).not.toHaveProperty(CARRIED_TASK_KEY);
    }
    port1.close();
  });
});
