import { describe, expect, it } from '@jest/globals';
import { processMessages } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentSqs, queueName } from '../../src/sqs';

const { telemetry, sdk, client, queue } = instrumentSqs();

describe('SQS batches', () => {
  it('sends 10 in one span, receives them in one span linked to it in order, deletes in one span', async () => {
    const url = await queue('batch');
    const name = queueName(url);
    const sqs = client();
    const entries = Array.from({ length: 10 }, (_, i) => ({
      Id: `e${i}`,
      MessageBody: `message ${i}`,
    }));
    const sent = await sqs.send(
      new sdk.SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
    );
    expect(sent.Successful).toHaveLength(10);

    const received = await sqs.send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
    );
    const messages = received.Messages ?? [];
    expect(messages).toHaveLength(10);
    await processMessages(messages, async () => undefined);
    await sqs.send(
      new sdk.DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })),
      }),
    );

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    assertSpan(send, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.batch.message_count': 10,
        'messaging.message.id': undefined,
        'msgtrace.sqs.failed_count': undefined,
      },
    });
    const links = messages.map((m) => ({
      to: send,
      attributes: { 'messaging.message.id': m.MessageId ?? 'missing' },
    }));
    assertSpan(onlySpan(spans, `receive ${name}`), {
      kind: SpanKind.CLIENT,
      links,
      attributes: { 'messaging.batch.message_count': 10 },
    });
    assertSpan(onlySpan(spans, `process ${name}`), {
      kind: SpanKind.CONSUMER,
      parent: null,
      links,
      attributes: { 'messaging.batch.message_count': 10 },
    });
    assertSpan(onlySpan(spans, `delete ${name}`), {
      kind: SpanKind.CLIENT,
      attributes: {
        'messaging.operation.type': 'settle',
        'messaging.batch.message_count': 10,
        'aws.sqs.queue.url': url,
      },
    });
  });

  it('records the entries SQS refuses without failing the span, and still sends the rest', async () => {
    const url = await queue('batch-fail');
    const name = queueName(url);
    const sqs = client();
    // A body with a character SQS refuses fails that entry only.
    const sent = await sqs.send(
      new sdk.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'good', MessageBody: 'fine' },
          { Id: 'bad', MessageBody: 'not \u0001 allowed' },
        ],
      }),
    );
    expect(sent.Successful?.map((s) => s.Id)).toEqual(['good']);
    expect(sent.Failed?.map((f) => f.Id)).toEqual(['bad']);
    const send = onlySpan(telemetry.spans(), `send ${name}`);
    assertSpan(send, { attributes: { 'msgtrace.sqs.failed_count': 1 } });
    expect(send.status.code).toBe(0);
    const failed = send.events.filter((e) => e.name === 'msgtrace.sqs.entry_failed');
    expect(failed.map((e) => e.attributes['msgtrace.sqs.entry_id'])).toEqual(['bad']);
  });

  it('deletes one message in a delete span', async () => {
    const url = await queue('delete');
    const sqs = client();
    await sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const { Messages = [] } = await sqs.send(
      new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
    );
    await sqs.send(
      new sdk.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }),
    );
    assertSpan(onlySpan(telemetry.spans(), `delete ${queueName(url)}`), {
      kind: SpanKind.CLIENT,
      attributes: {
        'messaging.system': 'aws_sqs',
        'messaging.operation.name': 'delete',
        'messaging.batch.message_count': undefined,
      },
    });
  });
});
