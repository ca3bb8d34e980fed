import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-amqplib';
import { assertSpan, childrenOf, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { freshQueue, instrumentAmqp } from '../../src/amqp';

const { telemetry, connect } = instrumentAmqp();

describe('amqplib confirm channels', () => {
  it('ends the publish span on the broker’s ack, and calls the caller’s callback as usual', async () => {
    const connection = await connect();
    const channel = await connection.createConfirmChannel();
    const queue = await freshQueue(channel, uniqueName('confirm'));
    const outcome = await new Promise<unknown>((resolve) =>
      channel.sendToQueue(queue, Buffer.from('x'), {}, (error) => resolve(error)),
    );
    expect(outcome).toBeNull();
    await channel.waitForConfirms();
    assertSpan(onlySpan(telemetry.spans(), `publish ${queue}`), {
      kind: SpanKind.PRODUCER,
      status: SpanStatusCode.UNSET,
    });
    await channel.close();
  });

  it('marks the span failed on a nack (a full queue that rejects publishes)', async () => {
    const connection = await connect();
    const channel = await connection.createConfirmChannel();
    const queue = uniqueName('full');
    await channel.assertQueue(queue, {
      durable: false,
      autoDelete: true,
      arguments: { 'x-max-length': 0, 'x-overflow': 'reject-publish' },
    });
    const outcome = await new Promise<unknown>((resolve) =>
      channel.sendToQueue(queue, Buffer.from('x'), {}, (error) => resolve(error)),
    );
    expect(outcome).toBeInstanceOf(Error);
    assertSpan(onlySpan(telemetry.spans(), `publish ${queue}`), {
      status: SpanStatusCode.ERROR,
      attributes: { 'error.type': 'PublishNacked' },
    });
    await channel.close();
  });

  it('without a callback, waitForConfirms still works and the span still ends', async () => {
    const connection = await connect();
    const channel = await connection.createConfirmChannel();
    const queue = await freshQueue(channel, uniqueName('confirm-wait'));
    channel.sendToQueue(queue, Buffer.from('x'));
    await channel.waitForConfirms();
    expect(onlySpan(telemetry.spans(), `publish ${queue}`).status.code).toBe(SpanStatusCode.UNSET);
    await channel.close();
  });
});

describe('amqplib get (pull)', () => {
  it('makes a receive span linked to the message, and processMessage a child of the publisher', async () => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('get'));
    channel.sendToQueue(queue, Buffer.from('pulled'), { messageId: 'p-1' });
    let message: Awaited<ReturnType<typeof channel.get>> = false;
    for (let i = 0; i < 50 && !message; i++) {
      message = await channel.get(queue);
      if (!message) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (!message) throw new Error('nothing to get');
    const got = message;
    processMessage(got, () => trace.getTracer('app').startSpan('work').end(), { queue });
    channel.ack(got);

    const spans = telemetry.spans();
    const publish = onlySpan(spans, `publish ${queue}`);
    const receives = spans.filter((s) => s.name === `receive ${queue}`);
    const withMessage = receives.find((s) => s.links.length === 1);
    if (!withMessage) throw new Error('no receive span with a link');
    assertSpan(withMessage, {
      kind: SpanKind.CLIENT,
      parent: null,
      links: [{ to: publish }],
      attributes: {
        'messaging.operation.type': 'receive',
        'messaging.destination.subscription.name': queue,
        'messaging.message.id': 'p-1',
        'messaging.batch.message_count': undefined,
      },
    });
    // Empty gets before the message arrived are receives of nothing, without links.
    for (const empty of receives.filter((s) => s !== withMessage)) assertSpan(empty, { links: [] });
    const process = onlySpan(spans, `process ${queue}`);
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: publish });
    expect(childrenOf(spans, process).map((s) => s.name)).toEqual(['work']);
    await channel.close();
  });
});
