import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs();

describe('SQS message size limit', () => {
  it('sends a message near 256 KiB unchanged, without context, and says why on the span', async () => {
    const url = await queue('big');
    const name = queueName(url);
    const sqs = client();
    // 20 bytes short of the limit: a traceparent attribute (~70 bytes) would push it over.
    const body = 'x'.repeat(262_144 - 20);
    const sent = await sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    const { Messages = [] } = await sqs.send(
      new sdk.ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        WaitTimeSeconds: 5,
      }),
    );
    const [message] = Messages;
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes).toBeUndefined();
    expect(message?.Attributes?.AWSTraceHeader).toBeUndefined();
    const spans = telemetry.spans();
    assertSpan(onlySpan(spans, `send ${name}`), {
      attributes: {
        'msgtrace.sqs.context_carrier': 'none',
        'msgtrace.sqs.injection_skipped': 'message-too-large',
      },
    });
    assertSpan(onlySpan(spans, `receive ${name}`), {
      links: [],
      attributes: { 'messaging.batch.message_count': 1 },
    });
  });
});
