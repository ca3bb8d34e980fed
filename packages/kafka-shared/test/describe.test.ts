import { describe, expect, it } from '@jest/globals';
import { messagingSemconv, SEMCONV_V1_44 } from '@msgtrace/core';
import { clientInfoFrom } from '../src/client-info';
import {
  keyAttribute,
  linkAttributes,
  offsetAttribute,
  processOperation,
  sendOperation,
  sentPosition,
  topicMessagesOfSend,
  topicMessagesOfSendBatch,
} from '../src/describe';

describe('clientInfoFrom', () => {
  it('takes the client id, and a server only from a single configured broker', () => {
    expect(clientInfoFrom({ clientId: 'app', brokers: ['kafka.internal:9093'] })).toEqual({
      clientId: 'app',
      server: { address: 'kafka.internal', port: 9093 },
    });
    expect(clientInfoFrom({ brokers: ['[::1]:9092'] })).toEqual({
      server: { address: '::1', port: 9092 },
    });
    expect(clientInfoFrom({ clientId: 'app', brokers: ['a:1', 'b:2'] })).toEqual({
      clientId: 'app',
    });
    expect(clientInfoFrom({ brokers: async () => ['a:1'] })).toEqual({});
    expect(clientInfoFrom({ brokers: ['no-port'] })).toEqual({});
    for (const garbage of [undefined, null, 'x', 42, { clientId: 7 }]) {
      expect(clientInfoFrom(garbage)).toEqual({});
    }
  });
});

describe('topic messages of send / sendBatch', () => {
  it('describes a send record', () => {
    expect(topicMessagesOfSend({ topic: 't', messages: [{ value: 'v' }] })).toEqual([
      { topic: 't', messages: [{ value: 'v' }] },
    ]);
  });

  it('groups sendBatch entries per topic, in order of first appearance', () => {
    const batch = {
      topicMessages: [
        { topic: 'b', messages: [{ value: 1 }] },
        { topic: 'a', messages: [{ value: 2 }] },
        { topic: 'b', messages: [{ value: 3 }] },
      ],
    };
    expect(topicMessagesOfSendBatch(batch)).toEqual([
      { topic: 'b', messages: [{ value: 1 }, { value: 3 }] },
      { topic: 'a', messages: [{ value: 2 }] },
    ]);
  });

  it('declines malformed input, which kafkajs itself will reject', () => {
    for (const bad of [undefined, null, 'x', {}, { topic: 1, messages: [] }, { topic: 't' }]) {
      expect(topicMessagesOfSend(bad)).toBeUndefined();
    }
    for (const bad of [
      undefined,
      {},
      { topicMessages: 'x' },
      { topicMessages: [{ topic: 't' }] },
    ]) {
      expect(topicMessagesOfSendBatch(bad)).toBeUndefined();
    }
  });
});

describe('operations', () => {
  const client = { clientId: 'app', server: { address: 'k', port: 9092 } };

  it('describes a single-message send with its body size, and the key only when asked', () => {
    const topic = { topic: 'orders', messages: [{ key: 'user-1', value: 'hello' }] };
    expect(sendOperation(client, topic, false)).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'kafka',
      type: 'send',
      name: 'send',
      destination: 'orders',
      attributes: { 'server.address': 'k', 'server.port': 9092 },
      recordedAttributes: { 'messaging.client.id': 'app', 'messaging.message.body.size': 5 },
    });
    expect(
      sendOperation(client, topic, true).recordedAttributes?.['messaging.kafka.message.key'],
    ).toBe('user-1');
  });

  it('says nothing per message for a batch', () => {
    const topic = { topic: 'orders', messages: [{ value: 'a' }, { value: null }] };
    expect(sendOperation({}, topic, true)).toMatchObject({
      attributes: {},
      recordedAttributes: {},
    });
  });

  it('describes a process operation: group for samplers, partition and offset when recorded', () => {
    const message = { key: null, value: null, offset: '41', timestamp: '1', headers: {} };
    const operation = processOperation({ groupId: 'g' }, 'orders', 2, message, false);
    expect(operation.attributes).toEqual({ 'messaging.consumer.group.name': 'g' });
    expect(operation.recordedAttributes).toEqual({
      'messaging.destination.partition.id': '2',
      'messaging.kafka.offset': 41,
      'messaging.kafka.message.tombstone': true,
    });
    expect(processOperation({}, undefined, undefined, undefined, false)).toMatchObject({
      destination: undefined,
      attributes: {},
    });
  });

  it('builds per-link attributes', () => {
    const message = { key: null, value: Buffer.from('x'), offset: '7', timestamp: '1' };
    expect(linkAttributes(0, message)).toEqual({
      'messaging.destination.partition.id': '0',
      'messaging.kafka.offset': 7,
    });
  });
});

describe('values', () => {
  it('keeps text keys, drops binary ones', () => {
    expect(keyAttribute('k')).toBe('k');
    expect(keyAttribute(Buffer.from('k'))).toBe('k');
    expect(keyAttribute(Buffer.from([0xff, 0xfe]))).toBeUndefined();
    expect(keyAttribute(null)).toBeUndefined();
  });

  it('reads offsets that are safe integers only', () => {
    expect(offsetAttribute('12')).toBe(12);
    expect(offsetAttribute('99999999999999999999')).toBeUndefined();
    expect(offsetAttribute('x')).toBeUndefined();
  });

  it('takes a single-message send position from the response only when unambiguous', () => {
    const one = [{ topicName: 't', partition: 1, baseOffset: '5' }];
    expect(sentPosition('t', one)).toEqual({
      'messaging.destination.partition.id': '1',
      'messaging.kafka.offset': 5,
    });
    expect(sentPosition('t', [...one, { topicName: 't', partition: 2, baseOffset: '0' }])).toEqual(
      {},
    );
    expect(sentPosition('other', one)).toEqual({});
    expect(sentPosition('t', 'garbage')).toEqual({});
  });
});

describe('the v1.45 names (OTEL_SEMCONV_STABILITY_OPT_IN=messaging)', () => {
  const latest = messagingSemconv('messaging');
  const both = messagingSemconv('messaging/dup');
  const message = { key: Buffer.from('k'), value: null, offset: '42', timestamp: '1', headers: {} };

  it('writes kafka.* instead of messaging.kafka.*, or both', () => {
    const operation = processOperation({ groupId: 'g' }, 't', 0, message, true, latest);
    expect(operation.semconv).toBe(latest);
    expect(operation.recordedAttributes).toMatchObject({
      'kafka.offset': 42,
      'kafka.message.key': 'k',
      'kafka.message.tombstone': true,
    });
    expect(
      Object.keys(operation.recordedAttributes ?? {}).filter((k) => k.includes('messaging.kafka')),
    ).toEqual([]);
    expect(linkAttributes(0, message, both)).toEqual({
      'messaging.destination.partition.id': '0',
      'messaging.kafka.offset': 42,
      'kafka.offset': 42,
    });
    const metadata = [{ topicName: 't', partition: 1, baseOffset: '7' }];
    expect(sentPosition('t', metadata, latest)).toEqual({
      'messaging.destination.partition.id': '1',
      'kafka.offset': 7,
    });
    expect(
      sendOperation({}, { topic: 't', messages: [message] }, true, latest).recordedAttributes,
    ).toEqual({ 'kafka.message.key': 'k', 'kafka.message.tombstone': true });
  });
});
