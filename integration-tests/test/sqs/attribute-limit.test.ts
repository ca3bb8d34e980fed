import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs();

const tenAttributes = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [
    `attr${i}`,
    { DataType: 'String', StringValue: `value ${i}` },
  ]),
);

describe('SQS attribute limit', () => {
  it('carries the context in AWSTraceHeader when the message already has 10 attributes', async () => {
    const url = await queue('ten-attributes');
    const name = queueName(url);
    const sqs = client();
    await sqs.send(
      new sdk.SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'full',
        MessageAttributes: tenAttributes,
      }),
    );
    const { Messages = [] } = await sqs.send(
      new sdk.ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 5,
      }),
    );
    const [message] = Messages;
    if (!message) throw new Error('nothing received');
    // Delivered with exactly the caller's attributes, and without the system attribute it did
    // not ask for.
    expect(message.Body).toBe('full');
    expect(message.MessageAttributes).toEqual(tenAttributes);
    expect(message.Attributes).toBeUndefined();
    processMessage(message, () => undefined);

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    assertSpan(send, { attributes: { 'msgtrace.sqs.context_carrier': 'aws-trace-header' } });
    assertSpan(onlySpan(spans, `receive ${name}`), { links: [{ to: send }] });
    assertSpan(onlySpan(spans, `process ${name}`), { parent: send });
  });

  it('uses message attributes while one slot is free', async () => {
    const url = await queue('nine-attributes');
    const sqs = client();
    const nine = Object.fromEntries(Object.entries(tenAttributes).slice(0, 9));
    await sqs.send(
      new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'nine', MessageAttributes: nine }),
    );
    assertSpan(onlySpan(telemetry.spans(), `send ${queueName(url)}`), {
      attributes: { 'msgtrace.sqs.context_carrier': 'message-attributes' },
    });
  });
});
