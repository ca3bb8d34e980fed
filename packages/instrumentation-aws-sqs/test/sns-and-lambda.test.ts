import { describe, expect, it } from '@jest/globals';
import { fromLambdaRecord, isLambdaSqsRecord } from '../src/lambda-record';
import { snsEnvelopeCarrier } from '../src/sns-envelope';

const envelope = (attributes: unknown, type = 'Notification') =>
  JSON.stringify({ Type: type, Message: 'm', MessageAttributes: attributes });

describe('snsEnvelopeCarrier', () => {
  it('reads the string attributes of a notification envelope', () => {
    expect(
      snsEnvelopeCarrier(
        envelope({
          traceparent: { Type: 'String', Value: '00-a-b-01' },
          n: { Type: 'Number', Value: '1' },
          bin: { Type: 'Binary', Value: 'AAE=' },
        }),
      ),
    ).toEqual({ traceparent: '00-a-b-01' });
  });

  it('yields nothing for anything else, without throwing', () => {
    const notEnvelopes: unknown[] = [
      undefined,
      42,
      'plain text',
      '{"Type":"Notification","MessageAttributes":',
      envelope({ traceparent: { Type: 'String', Value: 'x' } }, 'SubscriptionConfirmation'),
      envelope('not an object'),
      envelope({ traceparent: 'flat' }),
      envelope({}),
      `${'x'.repeat(300_000)}"Notification""MessageAttributes"`,
    ];
    for (const body of notEnvelopes) expect(snsEnvelopeCarrier(body)).toBeUndefined();
  });

  it('never lets a __proto__ attribute reach the carrier’s prototype', () => {
    const body =
      '{"Type":"Notification","MessageAttributes":{"__proto__":{"Type":"String","Value":"p"},"traceparent":{"Type":"String","Value":"t"}}}';
    const carrier = snsEnvelopeCarrier(body);
    expect(carrier).toEqual({ traceparent: 't' });
    expect(Object.getPrototypeOf(carrier)).toBe(Object.prototype);
  });
});

describe('Lambda SQS records', () => {
  it('become SDK-shaped messages with their queue', () => {
    const record = {
      messageId: 'id-1',
      body: 'hi',
      attributes: {
        AWSTraceHeader:
          'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
      },
      messageAttributes: {
        traceparent: { dataType: 'String', stringValue: '00-x-y-01' },
        blob: { dataType: 'Binary', binaryValue: Buffer.from('ab').toString('base64') },
        empty: { dataType: 'String', stringValue: null },
      },
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:jobs',
    };
    expect(isLambdaSqsRecord(record)).toBe(true);
    expect(isLambdaSqsRecord({ MessageId: 'x' })).toBe(false);
    const { message, queue } = fromLambdaRecord(record);
    expect(queue?.name).toBe('jobs');
    expect(message).toEqual({
      MessageId: 'id-1',
      Body: 'hi',
      Attributes: record.attributes,
      MessageAttributes: {
        traceparent: { DataType: 'String', StringValue: '00-x-y-01' },
        blob: { DataType: 'Binary', BinaryValue: Buffer.from('ab') },
      },
    });
  });
});
