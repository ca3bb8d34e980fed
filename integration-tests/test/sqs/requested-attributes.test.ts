import { describe, expect, it } from '@jest/globals';
import { instrumentSqs } from '../../src/sqs';

const { sdk, client, bareClient, queue } = instrumentSqs();

describe('SQS ReceiveMessage returns what the caller asked for, nothing more', () => {
  it('takes off the propagation attributes the caller did not name, with a matching MD5', async () => {
    const url = await queue('asked');
    const sqs = client();
    const attributes = {
      app: { DataType: 'String', StringValue: 'kept' },
      other: { DataType: 'Number', StringValue: '7' },
    };
    // The same message twice: one read instrumented, one by a bare client, both asking for `app`.
    for (const body of ['first', 'second']) {
      await sqs.send(
        new sdk.SendMessageCommand({
          QueueUrl: url,
          MessageBody: body,
          MessageAttributes: attributes,
        }),
      );
    }
    const ask = { QueueUrl: url, MessageAttributeNames: ['app'], WaitTimeSeconds: 5 };
    const instrumented = (await sqs.send(new sdk.ReceiveMessageCommand(ask))).Messages?.[0];
    const bare = (await bareClient().send(new sdk.ReceiveMessageCommand(ask))).Messages?.[0];
    expect(instrumented?.MessageAttributes).toEqual({ app: attributes.app });
    expect(bare?.MessageAttributes).toEqual({ app: attributes.app });
    expect(instrumented?.MD5OfMessageAttributes).toBe(bare?.MD5OfMessageAttributes);
    expect(Object.keys(instrumented ?? {}).sort()).toEqual(Object.keys(bare ?? {}).sort());
  });

  it('keeps the system attributes asked for, and everything for `.*` (prefix patterns: unit tests; ElasticMQ ignores them)', async () => {
    const url = await queue('asked-all');
    const sqs = client();
    await sqs.send(
      new sdk.SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'x',
        MessageAttributes: { 'app.id': { DataType: 'String', StringValue: '1' } },
      }),
    );
    const { Messages = [] } = await sqs.send(
      new sdk.ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['app.id'],
        MessageSystemAttributeNames: ['SentTimestamp'],
        WaitTimeSeconds: 5,
        VisibilityTimeout: 0,
      }),
    );
    expect(Object.keys(Messages[0]?.MessageAttributes ?? {})).toEqual(['app.id']);
    expect(Object.keys(Messages[0]?.Attributes ?? {})).toEqual(['SentTimestamp']);

    const all = await sqs.send(
      new sdk.ReceiveMessageCommand({
        QueueUrl: url,
        MessageAttributeNames: ['.*'],
        WaitTimeSeconds: 5,
      }),
    );
    // Asked for everything: traceparent too, and no pathway attribute, which is written only when
    // pipelines are turned on (docs/pipelines.md).
    expect(Object.keys(all.Messages?.[0]?.MessageAttributes ?? {}).sort()).toEqual([
      'app.id',
      'traceparent',
    ]);
  });
});
