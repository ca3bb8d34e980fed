import { describe, expect, it } from '@jest/globals';
import { messageAttributesMd5 } from '../src/attribute-md5';
import { systemAttributesToRead, widenReceive } from '../src/attribute-request';
import type { SqsMessage } from '../src/types';

const FIELDS = ['traceparent', 'tracestate'];
const string = (value: string) => ({ DataType: 'String', StringValue: value });

function received(): SqsMessage {
  return {
    MessageId: 'm',
    Body: 'b',
    MessageAttributes: {
      traceparent: string('00-…'),
      'app.id': string('1'),
      other: string('2'),
    },
    MD5OfMessageAttributes: 'stale',
    Attributes: { AWSTraceHeader: 'Root=…', SentTimestamp: '1' },
  };
}

describe('widenReceive', () => {
  it('asks for the propagation fields in a copy, never in the caller’s input', () => {
    const input = Object.freeze({
      QueueUrl: 'q',
      MessageAttributeNames: Object.freeze(['app.id']),
    });
    const widened = widenReceive(input, FIELDS, systemAttributesToRead(false));
    expect(widened.input).toEqual({
      QueueUrl: 'q',
      MessageAttributeNames: ['app.id', 'traceparent', 'tracestate'],
      MessageSystemAttributeNames: ['AWSTraceHeader'],
    });
    expect(input.MessageAttributeNames).toEqual(['app.id']);
  });

  it('changes nothing when the caller asks for everything', () => {
    const input = { MessageAttributeNames: ['All'], AttributeNames: ['All'] };
    const widened = widenReceive(input, FIELDS, systemAttributesToRead(true));
    expect(widened.input).toEqual(input);
    const message = received();
    widened.restore(message);
    expect(message).toEqual(received());
  });

  it('takes off what the caller did not name, and recomputes the digest of what is left', () => {
    const widened = widenReceive({ MessageAttributeNames: ['app.id'] }, FIELDS, ['AWSTraceHeader']);
    const message = received();
    message.Attributes = { AWSTraceHeader: 'Root=…' };
    widened.restore(message);
    expect(message.MessageAttributes).toEqual({ 'app.id': string('1') });
    expect(message.MD5OfMessageAttributes).toBe(messageAttributesMd5({ 'app.id': string('1') }));
    expect('Attributes' in message).toBe(false);
  });

  it('honours prefix patterns (name.*) and .*, and the legacy AttributeNames', () => {
    const prefix = widenReceive(
      { MessageAttributeNames: ['app.*'], AttributeNames: ['SentTimestamp'] },
      FIELDS,
      systemAttributesToRead(true),
    );
    expect(prefix.input.MessageSystemAttributeNames).toEqual(['AWSTraceHeader']);
    const message = received();
    prefix.restore(message);
    expect(Object.keys(message.MessageAttributes ?? {})).toEqual(['app.id']);
    expect(message.Attributes).toEqual({ SentTimestamp: '1' });

    const everything = widenReceive({ MessageAttributeNames: ['.*'] }, FIELDS, []);
    expect(everything.input).toEqual({ MessageAttributeNames: ['.*'] });
  });

  it('removes the attribute maps entirely when the caller asked for none', () => {
    const widened = widenReceive({}, FIELDS, systemAttributesToRead(true));
    const message = received();
    widened.restore(message);
    expect(Object.keys(message).sort()).toEqual(['Body', 'MessageId']);
  });

  it('tolerates malformed name lists and messages', () => {
    const widened = widenReceive(
      { MessageAttributeNames: 'All', AttributeNames: [1, null] },
      FIELDS,
      [],
    );
    expect(widened.input.MessageAttributeNames).toEqual(FIELDS);
    const odd = { MessageAttributes: 'x', Attributes: 5 } as unknown as SqsMessage;
    expect(() => widened.restore(odd)).not.toThrow();
  });
});

describe('messageAttributesMd5', () => {
  it('does not depend on insertion order, and tells string from binary', () => {
    const a = messageAttributesMd5({ a: string('1'), b: string('2') });
    const b = messageAttributesMd5({ b: string('2'), a: string('1') });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    const binary = messageAttributesMd5({
      a: { DataType: 'Binary', BinaryValue: Buffer.from('1') },
      b: string('2'),
    });
    expect(binary).not.toBe(a);
  });

  it('gives up on shapes SQS never returns', () => {
    expect(messageAttributesMd5({ a: { DataType: 'String' } })).toBeUndefined();
    expect(messageAttributesMd5({ a: { StringValue: 'x' } })).toBeUndefined();
  });
});
