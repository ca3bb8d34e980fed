import { describe, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { SpanKind } from '@opentelemetry/api';
import {
  expectDownstreamSamplingKeepsLinkedSets,
  expectHeadSamplingKeepsLinkedSets,
  type Pipeline,
} from '../../src/linked-sampling';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs({ propagationMode: 'link' });

/**
 * Each message sent by its own SendMessage from the root context (its own trace), then pulled
 * ten at a time: every ReceiveMessage span links to what it returned, and each message is
 * processed with processMessage, a link-mode `process` span of its own.
 */
const sendReceiveProcess: Pipeline = async (count) => {
  const url = await queue('sampling');
  const name = queueName(url);
  const sqs = client();
  for (let i = 0; i < count; i++) {
    await sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: `m${i}` }));
  }
  let consumed = 0;
  for (let empty = 0; consumed < count && empty < 5; ) {
    const { Messages = [] } = await sqs.send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) empty += 1;
    for (const message of Messages) {
      await processMessage(message, () => undefined);
      await sqs.send(
        new sdk.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }),
      );
      consumed += 1;
    }
  }
  return {
    spans: telemetry.readableSpans(),
    consumed,
    isProducer: (s) => s.name === `send ${name}`,
    consumers: [
      { label: 'ReceiveMessage', shape: 'batch', is: (s) => s.name === `receive ${name}` },
      {
        label: 'processMessage',
        shape: 'per-message',
        is: (s) => s.name === `process ${name}` && s.kind === SpanKind.CONSUMER,
      },
    ],
  };
};

describe('SQS link mode under the link-aware sampler', () => {
  it('head sampling keeps every receive and process span with a kept producer, and every kept producer with them', async () => {
    await expectHeadSamplingKeepsLinkedSets('SQS', telemetry, sendReceiveProcess);
  });

  it('a consistent downstream sampler keeps linked sets together', async () => {
    await expectDownstreamSamplingKeepsLinkedSets('SQS', telemetry, sendReceiveProcess);
  });
});
