import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed, uniqueName } from '@msgtrace/test-utils';
import { SpanStatusCode } from '@opentelemetry/api';
import { consumeN, freshQueue, instrumentAmqp, tick } from '../../src/amqp';

const { telemetry, instrumentation, connect } = instrumentAmqp();

async function queueWith(count: number) {
  const connection = await connect();
  const channel = await connection.createChannel();
  const queue = await freshQueue(channel, uniqueName('settle'));
  for (let i = 0; i < count; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
  return { channel, queue };
}

describe('amqplib process spans end when the message is settled', () => {
  it('stays open until a later ack, and records it', async () => {
    const { channel, queue } = await queueWith(1);
    const [message] = await consumeN(channel, queue, 1, () => undefined);
    await tick();
    expect(spansNamed(telemetry.spans(), `process ${queue}`)).toEqual([]);
    if (!message) throw new Error('no message');
    channel.ack(message);
    assertSpan(onlySpan(telemetry.spans(), `process ${queue}`), {
      attributes: { 'msgtrace.rabbitmq.settlement': 'ack' },
    });
    await channel.close();
  });

  it('nack with requeue: the redelivery gets its own span, marked redelivered', async () => {
    const { channel, queue } = await queueWith(1);
    let attempts = 0;
    await consumeN(channel, queue, 2, (message) => {
      attempts++;
      if (attempts === 1) channel.nack(message);
      else channel.ack(message);
    });
    const [first, second] = spansNamed(telemetry.spans(), `process ${queue}`);
    if (!first || !second) throw new Error('expected two process spans');
    const publish = onlySpan(telemetry.spans(), `publish ${queue}`);
    assertSpan(first, {
      parent: publish,
      attributes: {
        'msgtrace.rabbitmq.settlement': 'nack',
        'msgtrace.rabbitmq.requeue': true,
        'msgtrace.rabbitmq.redelivered': false,
      },
    });
    assertSpan(second, {
      parent: publish,
      attributes: { 'msgtrace.rabbitmq.settlement': 'ack', 'msgtrace.rabbitmq.redelivered': true },
    });
    await channel.close();
  });

  it('reject without requeue', async () => {
    const { channel, queue } = await queueWith(1);
    await consumeN(channel, queue, 1, (message) => channel.reject(message, false));
    assertSpan(onlySpan(telemetry.spans(), `process ${queue}`), {
      attributes: { 'msgtrace.rabbitmq.settlement': 'reject', 'msgtrace.rabbitmq.requeue': false },
    });
    await channel.close();
  });

  it('ack with allUpTo, and ackAll, settle every earlier delivery', async () => {
    const { channel, queue } = await queueWith(4);
    const received = await consumeN(channel, queue, 4, () => undefined);
    channel.ack(received[1] as never, true);
    expect(spansNamed(telemetry.spans(), `process ${queue}`)).toHaveLength(2);
    channel.ackAll();
    const spans = spansNamed(telemetry.spans(), `process ${queue}`);
    expect(spans).toHaveLength(4);
    for (const span of spans)
      assertSpan(span, { attributes: { 'msgtrace.rabbitmq.settlement': 'ack' } });
    await channel.close();
  });

  it('noAck: the span ends when the async handler settles, not before', async () => {
    const { channel, queue } = await queueWith(1);
    let release: () => void = () => undefined;
    const handled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let handlerDone = false;
    await channel.consume(
      queue,
      async () => {
        await handled;
        handlerDone = true;
      },
      { noAck: true },
    );
    await tick(100);
    expect(spansNamed(telemetry.spans(), `process ${queue}`)).toEqual([]);
    release();
    await tick(20);
    expect(handlerDone).toBe(true);
    assertSpan(onlySpan(telemetry.spans(), `process ${queue}`), {
      status: SpanStatusCode.UNSET,
      attributes: { 'msgtrace.rabbitmq.settlement': 'auto-ack' },
    });
    await channel.close();
  });

  it('a channel closed with unacked messages ends their spans; nothing stays open', async () => {
    const { channel, queue } = await queueWith(3);
    await consumeN(channel, queue, 3, () => undefined);
    expect(spansNamed(telemetry.spans(), `process ${queue}`)).toEqual([]);
    await channel.close();
    const spans = spansNamed(telemetry.spans(), `process ${queue}`);
    expect(spans).toHaveLength(3);
    for (const span of spans) {
      assertSpan(span, { attributes: { 'msgtrace.rabbitmq.settlement': 'channel-closed' } });
    }
  });

  it('a message never settled ends at the configured timeout', async () => {
    instrumentation.setConfig({ settleTimeoutMs: 100 });
    try {
      const { channel, queue } = await queueWith(1);
      await consumeN(channel, queue, 1, () => undefined);
      await tick(250);
      assertSpan(onlySpan(telemetry.spans(), `process ${queue}`), {
        attributes: { 'msgtrace.rabbitmq.settlement': 'timeout' },
      });
      await channel.close();
      expect(spansNamed(telemetry.spans(), `process ${queue}`)).toHaveLength(1);
    } finally {
      instrumentation.setConfig({});
    }
  });
});
