import { describe, expect, it } from '@jest/globals';
import { processMessage } from '@msgtrace/instrumentation-aws-sqs';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { SpanKind, trace } from '@opentelemetry/api';
import { instrumentSqs, queueName } from '../../src/sqs';

// Queues whose name says "link" are processed in link mode, the others as children.
const { telemetry, sdk, client, queue } = instrumentSqs({
  propagationMode: ({ destination }) => (destination.includes('link') ? 'link' : 'child'),
});

async function roundTrip(url: string, fifo: boolean) {
  const sqs = client();
  const sent = await sqs.send(
    new sdk.SendMessageCommand({
      QueueUrl: url,
      MessageBody: 'hello',
      ...(fifo ? { MessageGroupId: 'g' } : {}),
    }),
  );
  const received = await sqs.send(
    new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }),
  );
  const [message] = received.Messages ?? [];
  if (!message) throw new Error('nothing received');
  await processMessage(message, async () => {
    trace
      .getTracer('test')
      .startSpan(`handler ${queueName(url)}`)
      .end();
  });
  return { sent, message };
}

describe.each([
  ['standard', false],
  ['FIFO', true],
])('SQS send → receive → processMessage, %s queue', (_kind, fifo) => {
  it('makes the process span a child of the send span, the receive span linked to it', async () => {
    const url = await queue('child', { fifo });
    const name = queueName(url);
    const { sent, message } = await roundTrip(url, fifo);

    // The app sees the message as it would without msgtrace: it asked for no attributes.
    expect(message.Body).toBe('hello');
    expect(message.MessageAttributes).toBeUndefined();
    expect(message.MD5OfMessageAttributes).toBeUndefined();
    expect(message.Attributes).toBeUndefined();

    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    const host = new URL(url);
    assertSpan(send, {
      kind: SpanKind.PRODUCER,
      parent: null,
      attributes: {
        'messaging.system': 'aws_sqs',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': name,
        'aws.sqs.queue.url': url,
        'server.address': host.hostname,
        'server.port': Number(host.port),
        'messaging.message.id': sent.MessageId ?? 'missing',
        'msgtrace.sqs.context_carrier': 'message-attributes',
        'messaging.batch.message_count': undefined,
      },
    });
    const receive = onlySpan(spans, `receive ${name}`);
    assertSpan(receive, {
      kind: SpanKind.CLIENT,
      parent: null,
      links: [{ to: send, attributes: { 'messaging.message.id': sent.MessageId ?? 'missing' } }],
      attributes: {
        'messaging.operation.type': 'receive',
        'messaging.batch.message_count': 1,
        'aws.sqs.queue.url': url,
      },
    });
    const process = onlySpan(spans, `process ${name}`);
    assertSpan(process, {
      kind: SpanKind.CONSUMER,
      parent: send,
      links: [],
      attributes: {
        'messaging.operation.type': 'process',
        'messaging.message.id': sent.MessageId ?? 'missing',
        'messaging.destination.name': name,
      },
    });
    assertSpan(onlySpan(spans, `handler ${name}`), { parent: process });
  });

  it('in link mode, starts the process span in its own trace, linked to the send span', async () => {
    const url = await queue('link', { fifo });
    const name = queueName(url);
    const { sent } = await roundTrip(url, fifo);
    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    const process = onlySpan(spans, `process ${name}`);
    assertSpan(process, {
      kind: SpanKind.CONSUMER,
      parent: null,
      links: [{ to: send, attributes: { 'messaging.message.id': sent.MessageId ?? 'missing' } }],
    });
    expect(process.traceId).not.toBe(send.traceId);
  });
});

describe('the receive span', () => {
  it('starts when the request did, before a long poll returns', async () => {
    const url = await queue('timing');
    const sqs = client();
    const before = Date.now();
    setTimeout(() => {
      void sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'late' }));
    }, 300);
    await sqs.send(new sdk.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 5 }));
    const receive = onlySpan(telemetry.spans(), `receive ${queueName(url)}`);
    const startMs = receive.startTime[0] * 1000 + receive.startTime[1] / 1e6;
    const endMs = receive.endTime[0] * 1000 + receive.endTime[1] / 1e6;
    expect(startMs).toBeGreaterThanOrEqual(before - 1);
    // The long poll waited for the message sent 300 ms later; the span covers that wait.
    expect(endMs - startMs).toBeGreaterThanOrEqual(250);
  });
});
