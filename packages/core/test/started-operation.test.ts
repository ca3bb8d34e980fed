import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { createNoopMeter, metrics, SpanStatusCode, trace } from '@opentelemetry/api';
import { MessagingMetrics } from '../src/metrics';
import type { MessagingOperation } from '../src/operation';
import {
  nonRecordingSpan,
  runOperation,
  startBatchOperation,
  startMessageOperation,
  startOperation,
} from '../src/started-operation';

const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const tracer = trace.getTracer('started-operation-test');
const recorder = new MessagingMetrics(metrics.getMeter('started-operation-test'));
const op = (type: MessagingOperation['type'], destination: string): MessagingOperation => ({
  system: 'kafka',
  type,
  name: type,
  destination,
});

async function points(name: string, destination: string) {
  const metric = (await telemetry.collectMetrics()).find((m) => m.name === name);
  return (metric?.dataPoints ?? []).filter(
    (p) => p.attributes['messaging.destination.name'] === destination,
  );
}

describe('StartedOperation', () => {
  it('ends a send with its count and client duration', async () => {
    const started = startOperation(tracer, recorder, op('send', 'd-send'), { messageCount: 2 });
    expect(started.end(2)).toMatchObject({ 'messaging.operation.type': 'send' });
    expect(telemetry.spans()[0]?.attributes['messaging.batch.message_count']).toBe(2);
    expect((await points('messaging.client.sent.messages', 'd-send'))[0]?.value).toBe(2);
    expect(await points('messaging.client.operation.duration', 'd-send')).toHaveLength(1);
  });

  it('fails a receive with error.type on span and metrics, and counts what it got', async () => {
    const started = startBatchOperation(tracer, recorder, op('receive', 'd-recv'), [], {
      startTime: Date.now() - 10,
      startedAt: performance.now() - 10,
    });
    expect(started.fail(new RangeError('x'), 0)).toMatchObject({ 'error.type': 'RangeError' });
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    const duration = await points('messaging.client.operation.duration', 'd-recv');
    expect(duration[0]?.attributes['error.type']).toBe('RangeError');
  });

  it('records a process duration, and a settle as a client operation', async () => {
    startMessageOperation(tracer, recorder, op('process', 'd-proc'), undefined, 'child').end(1);
    startOperation(tracer, recorder, op('settle', 'd-settle')).end(5);
    expect(await points('messaging.process.duration', 'd-proc')).toHaveLength(1);
    expect((await points('messaging.client.consumed.messages', 'd-proc'))[0]?.value).toBe(1);
    expect(await points('messaging.client.operation.duration', 'd-settle')).toHaveLength(1);
    expect(await points('messaging.client.sent.messages', 'd-settle')).toHaveLength(0);
  });

  it('builds no metric attributes without a MeterProvider', () => {
    const off = new MessagingMetrics(createNoopMeter());
    const started = startOperation(tracer, off, op('send', 'd-off'));
    expect(started.metricAttributes()).toBeUndefined();
    expect(started.end(1)).toBeUndefined();
    expect(started.fail(undefined)).toBeUndefined();
  });

  it('runOperation ends with the work, failing on a throw of anything, even undefined', async () => {
    expect(
      runOperation('t', startOperation(tracer, recorder, op('process', 'd-run')), () => 3),
    ).toBe(3);
    await expect(
      runOperation('t', startOperation(tracer, recorder, op('process', 'd-run')), () =>
        Promise.reject(undefined),
      ),
    ).rejects.toBeUndefined();
    const [ok, failed] = telemetry.spans();
    expect(ok?.status.code).toBe(SpanStatusCode.UNSET);
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(nonRecordingSpan().isRecording()).toBe(false);
  });
});
