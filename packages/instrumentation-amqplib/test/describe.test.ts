import { describe, expect, it } from '@jest/globals';
import { messagingSemconv, SEMCONV_V1_44 } from '@msgtrace/core';
import {
  brokerTimestamp,
  deliveryOperation,
  emptyReceiveOperation,
  headersSizeEstimate,
  publishOperation,
} from '../src/describe';
import type { AmqpMessage } from '../src/types';

const peer = { address: '10.0.0.1', port: 5672 };

function message(overrides: Partial<AmqpMessage['properties']> = {}): AmqpMessage {
  return {
    content: Buffer.from('abc'),
    fields: {
      deliveryTag: 7,
      redelivered: true,
      exchange: 'orders',
      routingKey: 'eu.created',
      consumerTag: 'ctag',
    },
    properties: { headers: {}, messageId: 'm-1', correlationId: 'c-1', ...overrides },
  };
}

describe('publishOperation', () => {
  it('names the span after the exchange and records the conventions’ attributes', () => {
    expect(
      publishOperation(
        'orders',
        'eu.created',
        Buffer.from('hi'),
        { messageId: 7, correlationId: Buffer.from('c') },
        peer,
      ),
    ).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'rabbitmq',
      type: 'send',
      name: 'publish',
      destination: 'orders',
      attributes: { 'messaging.destination.name': 'orders' },
      recordedAttributes: {
        'messaging.rabbitmq.destination.routing_key': 'eu.created',
        'messaging.message.id': '7',
        'messaging.message.conversation_id': 'c',
        'messaging.message.body.size': 2,
        'network.peer.address': '10.0.0.1',
        'network.peer.port': 5672,
      },
    });
  });

  it('uses the queue for the default exchange, amq.default when there is none', () => {
    expect(publishOperation('', 'jobs', Buffer.alloc(0), undefined, {})).toMatchObject({
      destination: 'jobs',
      attributes: { 'messaging.destination.name': '' },
    });
    expect(publishOperation('', '', Buffer.alloc(0), undefined, {}).destination).toBe(
      'amq.default',
    );
  });
});

describe('deliveryOperation', () => {
  it('gives samplers exchange and queue, and keeps tag, ids and the project attributes for recorded spans', () => {
    const delivery = deliveryOperation('process', 'q', message(), {});
    expect(delivery.attributes).toEqual({
      'messaging.destination.name': 'orders',
      'messaging.destination.subscription.name': 'q',
    });
    expect(delivery.recordedAttributes).toEqual({
      'messaging.rabbitmq.destination.routing_key': 'eu.created',
      'messaging.rabbitmq.message.delivery_tag': 7,
      'msgtrace.rabbitmq.redelivered': true,
      'msgtrace.rabbitmq.consumer_tag': 'ctag',
      'messaging.message.id': 'm-1',
      'messaging.message.conversation_id': 'c-1',
      'messaging.message.body.size': 3,
    });
    expect(emptyReceiveOperation('q', peer).attributes).toEqual({
      'messaging.destination.subscription.name': 'q',
    });
    expect(emptyReceiveOperation('q', peer).recordedAttributes).toEqual({
      'network.peer.address': '10.0.0.1',
      'network.peer.port': 5672,
    });
  });
});

describe('brokerTimestamp', () => {
  it('reads AMQP seconds, and milliseconds where publishers put them', () => {
    expect(brokerTimestamp(message({ timestamp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(brokerTimestamp(message({ timestamp: 1_700_000_000_123 }))).toBe(1_700_000_000_123);
    for (const bad of [undefined, 0, -5, 'yesterday', Number.NaN]) {
      expect(brokerTimestamp(message({ timestamp: bad }))).toBeUndefined();
    }
  });
});

describe('headersSizeEstimate', () => {
  it('counts keys and values, generously for strings', () => {
    expect(headersSizeEstimate(undefined)).toBe(0);
    expect(headersSizeEstimate({ a: 'xy', b: Buffer.alloc(10), c: { d: 1 }, e: 5 })).toBe(
      1 + 8 + 6 + 1 + 8 + 10 + 1 + 8 + 7 + 1 + 8,
    );
  });
});

describe('the v1.45 names (OTEL_SEMCONV_STABILITY_OPT_IN=messaging)', () => {
  it('writes rabbitmq.* instead of messaging.rabbitmq.*, or both', () => {
    const latest = messagingSemconv('messaging');
    const delivered = deliveryOperation('process', 'q', message(), peer, latest).recordedAttributes;
    expect(delivered).toMatchObject({
      'rabbitmq.destination.routing_key': 'eu.created',
      'rabbitmq.message.delivery_tag': 7,
    });
    expect(Object.keys(delivered ?? {}).filter((k) => k.startsWith('messaging.rabbitmq'))).toEqual(
      [],
    );
    const both = messagingSemconv('messaging/dup');
    expect(
      publishOperation('x', 'rk', Buffer.from('a'), {}, {}, both).recordedAttributes,
    ).toMatchObject({
      'rabbitmq.destination.routing_key': 'rk',
      'messaging.rabbitmq.destination.routing_key': 'rk',
    });
    expect(emptyReceiveOperation('q', {}, latest).semconv).toBe(latest);
  });
});
