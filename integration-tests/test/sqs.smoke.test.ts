import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { uniqueFifoQueueName, uniqueName } from '@msgtrace/test-utils';
import { BINARY_BODY, sqsClient } from '../src/clients';

describe('sqs smoke (bare @aws-sdk/client-sqs against ElasticMQ)', () => {
  const sqs = sqsClient();
  const queues: string[] = [];

  afterAll(async () => {
    await Promise.allSettled(
      queues.map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl }))),
    );
    sqs.destroy();
  });

  async function roundTrip(QueueName: string, fifo: boolean) {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName,
        Attributes: fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true' } : {},
      }),
    );
    if (!QueueUrl) throw new Error('no queue url');
    queues.push(QueueUrl);
    // Multi-byte and astral characters, tabs, newlines and a big integer: SQS's whole alphabet.
    const body = 'héllo 🚀\t{"n": 12345678901234567890}\r\n';
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: body,
        MessageAttributes: {
          traceparent: {
            DataType: 'String',
            StringValue: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          },
          blob: { DataType: 'Binary', BinaryValue: BINARY_BODY },
          count: { DataType: 'Number', StringValue: '42' },
        },
        ...(fifo ? { MessageGroupId: 'g' } : {}),
      }),
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp'],
        WaitTimeSeconds: 5,
      }),
    );
    expect(Messages).toHaveLength(1);
    const [message] = Messages;
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes?.traceparent?.StringValue).toBe(
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    );
    expect(Buffer.from(message?.MessageAttributes?.blob?.BinaryValue ?? [])).toEqual(BINARY_BODY);
    expect(message?.MessageAttributes?.count).toMatchObject({
      DataType: 'Number',
      StringValue: '42',
    });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(0);
  }

  it('round-trips body and message attributes through a standard queue', async () => {
    await roundTrip(uniqueName('smoke'), false);
  });

  it('round-trips body and message attributes through a FIFO queue', async () => {
    await roundTrip(uniqueFifoQueueName('smoke'), true);
  });
});
