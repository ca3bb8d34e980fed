import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import { trace } from '@opentelemetry/api';
import { onMessageWithContext, postMessageWithContext } from '../src/worker-messages';

const telemetry = setupTestTelemetry();
const tracer = trace.getTracer('core-test');
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

function receiveOne(port: MessagePort) {
  return new Promise<{ value: unknown; traceId: string | undefined; spanId: string | undefined }>(
    (resolve) => {
      const stop = onMessageWithContext(port, (value) => {
        const active = trace.getActiveSpan()?.spanContext();
        stop();
        resolve({ value, traceId: active?.traceId, spanId: active?.spanId });
      });
    },
  );
}

describe('messages with context to your own workers', () => {
  it("hand the listener the value unchanged, in the sender's context, transfer lists honoured", async () => {
    const { port1, port2 } = new MessageChannel();
    const received = receiveOne(port2);
    const buffer = new ArrayBuffer(8);
    const value = { order: 7, nested: [1, { buffer }] };
    const sent = tracer.startActiveSpan('dispatch', (span) => {
      postMessageWithContext(port1, value, [buffer]);
      span.end();
      return span.spanContext();
    });
    const got = await received;
    expect(got.value).toEqual({ order: 7, nested: [1, { buffer: expect.any(ArrayBuffer) }] });
    expect(
      ((got.value as typeof value).nested[1] as { buffer: ArrayBuffer }).buffer.byteLength,
    ).toBe(8);
    expect(buffer.byteLength).toBe(0);
    expect(got).toMatchObject({ traceId: sent.traceId, spanId: sent.spanId });
    port1.close();
  });

  it('pass plain messages through, and run with no span when none was active', async () => {
    const { port1, port2 } = new MessageChannel();
    const plain = receiveOne(port2);
    port1.postMessage('plain');
    expect(await plain).toEqual({ value: 'plain', traceId: undefined, spanId: undefined });
    const empty = receiveOne(port2);
    postMessageWithContext(port1, 42);
    expect(await empty).toEqual({ value: 42, traceId: undefined, spanId: undefined });
    port1.close();
  });
});
