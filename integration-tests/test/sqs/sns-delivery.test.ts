import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, bareClient, queue } = instrumentSqs();

// The publisher's span, as an instrumented SNS publisher would have propagated it.
const publisher = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };
const traceparent = `00-${publisher.traceId}-${publisher.spanId}-01`;

describe('SNS → SQS deliveries', () => {
  it('reads the context from the SNS envelope of a non-raw delivery', async () => {
    const url = await queue('sns-envelope');
    const name = queueName(url);
    const envelope = JSON.stringify({
      Type: 'Notification',
      MessageId: '0b0f3a8c-0000-4000-8000-000000000000',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:orders',
      Message: '{"order":1}',
      Timestamp: '2026-11-24T00:00:00.000Z',
      SignatureVersion: '1',
      MessageAttributes: {
        traceparent: { Type: 'String', Value: traceparent },
        unrelated: { Type: 'Number', Value: '3' },
      },
    });
    await bareClient().send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: envelope }));
    const { Messages = [] } = await client().send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    const [message] = Messages;
    if (!message) throw new Error('nothing received');
    expect(message.Body).toBe(envelope);
    processMessage(message, () => undefined);
    const spans = telemetry.spans();
    assertSpan(onlySpan(spans, `receive ${name}`), { links: [{ to: publisher }] });
    assertSpan(onlySpan(spans, `process ${name}`), { parent: publisher });
  });

  it('reads the context from the message attributes of a raw delivery', async () => {
    const url = await queue('sns-raw');
    const name = queueName(url);
    await bareClient().send(
      new sdk.SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"order":2}',
        MessageAttributes: { traceparent: { DataType: 'String', StringValue: traceparent } },
      }),
    );
    const { Messages = [] } = await client().send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    const [message] = Messages;
    if (!message) throw new Error('nothing received');
    // Read for the span, then taken off: the app did not ask for attributes.
    expect(message.MessageAttributes).toBeUndefined();
    processMessage(message, () => undefined);
    assertSpan(onlySpan(telemetry.spans(), `process ${name}`), { parent: publisher });
  });
});
