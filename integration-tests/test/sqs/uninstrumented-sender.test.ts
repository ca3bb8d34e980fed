import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, bareClient, queue } = instrumentSqs();

describe('SQS messages from an uninstrumented sender', () => {
  it('are received and processed in spans of their own, with no links', async () => {
    const url = await queue('bare-sender');
    const name = queueName(url);
    await bareClient().send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'plain' }));
    const { Messages = [] } = await client().send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    const [message] = Messages;
    if (!message) throw new Error('nothing received');
    expect(message.Body).toBe('plain');
    await processMessage(message, async () => undefined);
    const spans = telemetry.spans();
    expect(spans.filter((s) => s.name === `send ${name}`)).toEqual([]);
    assertSpan(onlySpan(spans, `receive ${name}`), {
      links: [],
      attributes: { 'messaging.batch.message_count': 1 },
    });
    assertSpan(onlySpan(spans, `process ${name}`), {
      parent: null,
      links: [],
      attributes: { 'messaging.message.id': message.MessageId ?? 'missing' },
    });
  });
});
