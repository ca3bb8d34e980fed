import { describe, expect, it } from '@jest/globals';
import type { Attributes } from '@opentelemetry/api';
import { metricAttributes, metricAttributesOf } from '../src/metrics';
import { type MessagingOperation, operationAttributes } from '../src/operation';
import {
  messagingSemconv,
  SEMCONV_V1_44,
  setRenamedAttribute,
  setSystemAttribute,
} from '../src/semconv-stability';

const env = (value: string) => ({ OTEL_SEMCONV_STABILITY_OPT_IN: value });

describe('messagingSemconv', () => {
  it('keeps the v1.44 names unless messaging is opted in', () => {
    for (const value of ['', 'http', 'database/dup', 'messagingx', 'messaging/dupe']) {
      expect(messagingSemconv(undefined, env(value))).toBe(SEMCONV_V1_44);
    }
    expect(messagingSemconv(undefined, {})).toBe(SEMCONV_V1_44);
  });

  it('reads messaging and messaging/dup from OTEL_SEMCONV_STABILITY_OPT_IN, dup winning', () => {
    const latest = messagingSemconv(undefined, env('http, messaging'));
    expect(latest.names.system).toBe('messaging.system.name');
    expect(latest.duplicate).toBeUndefined();
    for (const value of ['messaging/dup', 'messaging,messaging/dup', 'messaging/dup,messaging']) {
      const both = messagingSemconv(undefined, env(value));
      expect([both.names.system, both.duplicate?.system]).toEqual([
        'messaging.system.name',
        'messaging.system',
      ]);
    }
  });

  it('lets the config option decide over the variable', () => {
    expect(messagingSemconv('default', env('messaging'))).toBe(SEMCONV_V1_44);
    expect(messagingSemconv('messaging', {}).names.system).toBe('messaging.system.name');
    expect(messagingSemconv('messaging/dup', {}).duplicate?.system).toBe('messaging.system');
  });
});

describe('writing renamed attributes', () => {
  const write = (value: string) => {
    const semconv = messagingSemconv(undefined, env(value));
    const attributes: Attributes = {};
    setSystemAttribute(attributes, semconv, 'aws_sqs');
    setRenamedAttribute(attributes, semconv, 'kafkaOffset', 42);
    setRenamedAttribute(attributes, semconv, 'rabbitmqRoutingKey', 'orders');
    return attributes;
  };

  it('uses one set of names, or both in messaging/dup', () => {
    expect(write('')).toEqual({
      'messaging.system': 'aws_sqs',
      'messaging.kafka.offset': 42,
      'messaging.rabbitmq.destination.routing_key': 'orders',
    });
    expect(write('messaging')).toEqual({
      'messaging.system.name': 'aws.sqs',
      'kafka.offset': 42,
      'rabbitmq.destination.routing_key': 'orders',
    });
    expect(write('messaging/dup')).toEqual({ ...write(''), ...write('messaging') });
  });

  it('reaches span and metric attributes through the operation', () => {
    const operation: MessagingOperation = {
      system: 'aws_kinesis',
      type: 'receive',
      name: 'receive',
      destination: 'events',
      semconv: messagingSemconv('messaging/dup'),
    };
    const expected = {
      'messaging.system': 'aws_kinesis',
      'messaging.system.name': 'aws.kinesis',
      'messaging.operation.type': 'receive',
      'messaging.operation.name': 'receive',
      'messaging.destination.name': 'events',
    };
    expect(operationAttributes(operation)).toEqual(expected);
    expect(metricAttributesOf(operation)).toEqual(expected);
    expect(metricAttributes({ ...expected, 'kafka.offset': 1 })).toEqual(expected);
    const { semconv: _, ...withoutSemconv } = operation;
    expect(operationAttributes(withoutSemconv)).toMatchObject({
      'messaging.system': 'aws_kinesis',
    });
    expect(operationAttributes(withoutSemconv)).not.toHaveProperty(['messaging.system.name']);
  });
});
