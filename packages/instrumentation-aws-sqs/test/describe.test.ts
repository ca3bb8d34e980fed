import { describe, expect, it } from '@jest/globals';
import { SEMCONV_V1_44 } from '@msgtrace/core';
import {
  batchFailuresOf,
  messagesOf,
  processOperation,
  queueOf,
  queueOfArn,
  sendOperation,
  sentTimestampOf,
} from '../src/describe';

describe('queueOf', () => {
  it('takes the name from the last path segment and the server from the host', () => {
    expect(queueOf('https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo')).toEqual({
      url: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo',
      name: 'orders.fifo',
      address: 'sqs.eu-west-1.amazonaws.com',
      port: 443,
    });
    expect(queueOf('http://127.0.0.1:9324/000000000000/q')).toMatchObject({
      name: 'q',
      address: '127.0.0.1',
      port: 9324,
    });
  });

  it('keeps an unparseable URL as the URL alone, and ignores non-strings', () => {
    expect(queueOf('not a url')).toEqual({
      url: 'not a url',
      name: undefined,
      address: undefined,
      port: undefined,
    });
    for (const bad of [undefined, null, 42, '', {}]) expect(queueOf(bad)).toBeUndefined();
  });

  it('reads Lambda event source ARNs', () => {
    expect(queueOfArn('arn:aws:sqs:us-east-1:123456789012:jobs')?.name).toBe('jobs');
    for (const bad of ['arn:aws:sns:us-east-1:1:t', 'jobs', 7, 'arn:aws:sqs:r:a:']) {
      expect(queueOfArn(bad)).toBeUndefined();
    }
  });
});

describe('operations', () => {
  it('names spans by queue, with the SQS attributes', () => {
    const queue = queueOf('http://localhost:9324/1/q');
    expect(sendOperation(queue)).toEqual({
      semconv: SEMCONV_V1_44,
      system: 'aws_sqs',
      type: 'send',
      name: 'send',
      destination: 'q',
      attributes: {
        'aws.sqs.queue.url': 'http://localhost:9324/1/q',
        'server.address': 'localhost',
        'server.port': 9324,
      },
    });
    expect(processOperation(queue, { MessageId: 'm1' })).toMatchObject({
      attributes: { 'server.address': 'localhost' },
      recordedAttributes: { 'messaging.message.id': 'm1' },
    });
    expect(processOperation(queue, { MessageId: 'm1' }).attributes).not.toHaveProperty(
      'messaging.message.id',
    );
    expect(sendOperation(undefined)).toMatchObject({ destination: undefined, attributes: {} });
  });
});

describe('response readers', () => {
  it('read SentTimestamp, request ids, messages and batch failures defensively', () => {
    expect(sentTimestampOf({ Attributes: { SentTimestamp: '1700000000000' } })).toBe(1700000000000);
    for (const bad of ['', 'soon', '-1', '1e3', '9'.repeat(40)]) {
      expect(sentTimestampOf({ Attributes: { SentTimestamp: bad } })).toBeUndefined();
    }
    expect(messagesOf({ Messages: [{ MessageId: 'a' }, null, 3] })).toEqual([{ MessageId: 'a' }]);
    expect(messagesOf({ Messages: 'x' })).toEqual([]);
    expect(
      batchFailuresOf({
        Failed: [{ Id: 'x', Code: 'InvalidMessageContents', SenderFault: true }, 5],
      }),
    ).toEqual([{ id: 'x', code: 'InvalidMessageContents', senderFault: true }]);
    expect(batchFailuresOf({ Failed: [{}] })).toEqual([
      { id: '', code: 'unknown', senderFault: false },
    ]);
  });
});
