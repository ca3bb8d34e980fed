import { describe, expect, it } from '@jest/globals';
import { instrumentSqs } from '../../src/sqs';

const { sdk, client, queue } = instrumentSqs();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('SQS caller inputs', () => {
  it('never mutates the inputs of send, batch send and receive (frozen inputs work)', async () => {
    const url = await queue('inputs');
    const sqs = client();
    const sendInput = deepFreeze({
      QueueUrl: url,
      MessageBody: 'one',
      MessageAttributes: { app: { DataType: 'String', StringValue: 'a' } },
    });
    const batchInput = deepFreeze({
      QueueUrl: url,
      Entries: [
        { Id: 'a', MessageBody: 'two' },
        { Id: 'b', MessageBody: 'three', MessageAttributes: {} },
      ],
    });
    const receiveInput = deepFreeze({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['app'],
      WaitTimeSeconds: 1,
    });
    const snapshot = JSON.stringify([sendInput, batchInput, receiveInput]);
    const sendCommand = new sdk.SendMessageCommand(sendInput);
    await sqs.send(sendCommand);
    await sqs.send(new sdk.SendMessageBatchCommand(batchInput));
    const receiveCommand = new sdk.ReceiveMessageCommand(receiveInput);
    const seen: string[] = [];
    while (seen.length < 3) {
      const { Messages = [] } = await sqs.send(receiveCommand);
      seen.push(...Messages.map((m) => m.Body ?? ''));
    }
    expect(seen.sort()).toEqual(['one', 'three', 'two']);
    expect(JSON.stringify([sendInput, batchInput, receiveInput])).toBe(snapshot);
    expect(sendCommand.input).toBe(sendInput);
    expect(receiveCommand.input).toBe(receiveInput);
  });
});
