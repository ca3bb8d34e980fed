import { describe, expect, it } from '@jest/globals';
import { assertSpan, childrenOf, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import { consumeN, freshQueue, instrumentAmqp } from '../../src/amqp';

const { telemetry, connect } = instrumentAmqp();

describe('amqplib publish → consume through every kind of exchange (child mode)', () => {
  it.each([
    ['direct', 'direct', 'rk.direct', 'rk.direct'],
    ['topic', 'topic', 'orders.eu.created', 'orders.#'],
    ['fanout', 'fanout', 'ignored', ''],
  ])('%s exchange', async (_kind, type, routingKey, binding) => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const exchange = uniqueName(`ex-${type}`);
    await channel.assertExchange(exchange, type, { durable: false, autoDelete: true });
    const queue = await freshQueue(channel, uniqueName(`q-${type}`));
    await channel.bindQueue(queue, exchange, binding);
    channel.publish(exchange, routingKey, Buffer.from('hi'), {
      messageId: 'id-1',
      correlationId: 'conv-9',
    });
    await consumeN(channel, queue, 1, (message) => {
      trace.getTracer('app').startSpan('handler work').end();
      channel.ack(message);
    });

    const spans = telemetry.spans();
    const publish = onlySpan(spans, `publish ${exchange}`);
    assertSpan(publish, {
      kind: SpanKind.PRODUCER,
      parent: null,
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': exchange,
        'messaging.rabbitmq.destination.routing_key': routingKey,
        'messaging.message.id': 'id-1',
        'messaging.message.conversation_id': 'conv-9',
        'messaging.message.body.size': 2,
        'network.peer.port': 5672,
      },
    });
    const process = onlySpan(spans, `process ${queue}`);
    assertSpan(process, {
      kind: SpanKind.CONSUMER,
      parent: publish,
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.destination.name': exchange,
        'messaging.destination.subscription.name': queue,
        'messaging.rabbitmq.destination.routing_key': routingKey,
        'messaging.rabbitmq.message.delivery_tag': 1,
        'msgtrace.rabbitmq.redelivered': false,
        'msgtrace.rabbitmq.consumer_tag': /^amq\.ctag-/,
        'msgtrace.rabbitmq.settlement': 'ack',
      },
    });
    expect(childrenOf(spans, process).map((s) => s.name)).toEqual(['handler work']);
    await channel.close();
  });

  it('default exchange: sendToQueue names the span after the queue, destination is ""', async () => {
    const connection = await connect();
    const channel = await connection.createChannel();
    const queue = await freshQueue(channel, uniqueName('q-default'));
    channel.sendToQueue(queue, Buffer.from('hi'));
    await consumeN(channel, queue, 1, (message) => channel.ack(message));
    const spans = telemetry.spans();
    const publish = onlySpan(spans, `publish ${queue}`);
    assertSpan(publish, {
      attributes: {
        'messaging.destination.name': '',
        'messaging.rabbitmq.destination.routing_key': queue,
      },
    });
    assertSpan(onlySpan(spans, `process ${queue}`), { parent: publish });
    await channel.close();
  });
});
