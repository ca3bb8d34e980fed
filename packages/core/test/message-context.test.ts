import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  assertSpan,
  childrenOf,
  onlySpan,
  setupTestTelemetry,
  spansNamed,
} from '@msgtrace/test-utils';
import {
  context,
  createNoopMeter,
  metrics,
  ROOT_CONTEXT,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import {
  carryContext,
  contextFromCarrier,
  type MessageProcessing,
  runInMessageContext,
} from '../src/message-context';
import { MessagingMetrics } from '../src/metrics';

const telemetry = setupTestTelemetry();
const tracer = trace.getTracer('core-test');
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

function producerContext(): {
  spanContext: SpanContext;
  creation: ReturnType<typeof trace.setSpanContext>;
} {
  const span = tracer.startSpan('send orders');
  span.end();
  const spanContext = { ...span.spanContext(), isRemote: true };
  return { spanContext, creation: trace.setSpanContext(ROOT_CONTEXT, spanContext) };
}

const processing = (
  creation: MessageProcessing['creation'],
  extra: Partial<MessageProcessing> = {},
): MessageProcessing => ({
  tracer,
  metrics: new MessagingMetrics(createNoopMeter()),
  operation: { system: 'kafka', type: 'process', name: 'process', destination: 'orders' } as const,
  creation,
  mode: 'child' as const,
  ...extra,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runInMessageContext', () => {
  it('runs synchronous work under a process span parented by the message', () => {
    const { spanContext, creation } = producerContext();
    const result = runInMessageContext(processing(creation), (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      tracer.startSpan('inner').end();
      return 'done';
    });
    expect(result).toBe('done');
    const process = onlySpan(telemetry.spans(), 'process orders');
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: spanContext });
    assertSpan(onlySpan(telemetry.spans(), 'inner'), { parent: process });
  });

  it('keeps each message’s context across await and Promise.all', async () => {
    const messages = [producerContext(), producerContext(), producerContext()];
    await Promise.all(
      messages.map(({ creation }, i) =>
        runInMessageContext(processing(creation), async () => {
          await tick();
          tracer.startSpan(`step ${i}`).end();
          await tick();
          tracer.startSpan(`step ${i}`).end();
        }),
      ),
    );
    const spans = telemetry.spans();
    const processes = spansNamed(spans, 'process orders');
    expect(processes).toHaveLength(3);
    messages.forEach(({ spanContext }, i) => {
      const process = processes.find((p) => p.parentSpanId === spanContext.spanId);
      if (!process) throw new Error(`no process span for message ${i}`);
      expect(childrenOf(spans, process).map((s) => s.name)).toEqual([`step ${i}`, `step ${i}`]);
    });
  });

  it('links instead in link mode, with the link attributes', () => {
    const { spanContext, creation } = producerContext();
    runInMessageContext(
      processing(creation, { mode: 'link', linkAttributes: { 'messaging.kafka.offset': 3 } }),
      () => undefined,
    );
    assertSpan(onlySpan(telemetry.spans(), 'process orders'), {
      parent: null,
      links: [{ to: spanContext, attributes: { 'messaging.kafka.offset': 3 } }],
    });
  });

  it('marks the span and rethrows when the work throws or rejects', async () => {
    const error = new TypeError('handler failed');
    expect(() =>
      runInMessageContext(processing(undefined), () => {
        throw error;
      }),
    ).toThrow(error);
    await expect(
      runInMessageContext(processing(undefined), async () => Promise.reject(error)),
    ).rejects.toBe(error);
    for (const span of telemetry.spans()) {
      assertSpan(span, { status: SpanStatusCode.ERROR, attributes: { 'error.type': 'TypeError' } });
    }
    expect(telemetry.spans()).toHaveLength(2);
  });

  it('ends the span only when the work’s promise settles', async () => {
    let release!: () => void;
    const pending = runInMessageContext(
      processing(undefined),
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await tick();
    expect(telemetry.spans()).toHaveLength(0);
    release();
    await pending;
    expect(telemetry.spans()).toHaveLength(1);
  });

  it('calls onStart with the span, and survives an onStart that throws', () => {
    const onStart = jest.fn(() => {
      throw new Error('hook bug');
    });
    expect(runInMessageContext(processing(undefined, { onStart }), () => 1)).toBe(1);
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('records the process duration, with error.type on failure', async () => {
    const recorder = new MessagingMetrics(metrics.getMeter('message-context-test'));
    runInMessageContext(processing(undefined, { metrics: recorder }), () => undefined);
    await expect(
      runInMessageContext(processing(undefined, { metrics: recorder }), async () => {
        throw new RangeError('x');
      }),
    ).rejects.toThrow('x');
    const duration = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.process.duration',
    );
    expect(duration?.dataPoints.map((p) => p.attributes['error.type'])).toEqual([
      undefined,
      'RangeError',
    ]);
  });
});

describe('carrying a context into a worker thread', () => {
  it('resumes the message context in the worker, so the worker’s span is its child', async () => {
    const { creation } = producerContext();
    const carrier = runInMessageContext(processing(creation), () => carryContext());
    const process = onlySpan(telemetry.spans(), 'process orders');

    const worker = new Worker(join(__dirname, 'fixtures', 'worker.cjs'), {
      workerData: { carrier },
    });
    const posted = await new Promise<{ name: string; traceId: string; parentSpanId?: string }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    await worker.terminate();
    expect(posted).toEqual({
      name: 'work in worker',
      traceId: process.traceId,
      parentSpanId: process.spanId,
    });
  });

  it('turns a garbage carrier into the root context', () => {
    for (const garbage of [undefined, 'x', 42, { traceparent: 7 }, { traceparent: 'nonsense' }]) {
      const ctx = contextFromCarrier(garbage);
      expect(trace.getSpanContext(ctx)).toBeUndefined();
    }
    expect(context.active()).toBe(ROOT_CONTEXT);
  });
});
