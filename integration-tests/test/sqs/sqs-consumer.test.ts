import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { trace } from '@opentelemetry/api';
import { Consumer } from 'sqs-consumer';
import { instrumentSqs, instrumentSqsConsumer, queueName } from '../../src/sqs';

const { telemetry, instrumentation, sdk, client, queue } = instrumentSqs();
instrumentSqsConsumer(instrumentation);

async function consumeUntil(consumer: Consumer, done: Promise<void>): Promise<void> {
  consumer.start();
  try {
    await done;
  } finally {
    consumer.stop({ abort: true });
  }
}

describe('sqs-consumer', () => {
  it('runs handleMessage in a process span, child of the send span', async () => {
    const url = await queue('consumer');
    const name = queueName(url);
    const sqs = client();
    await sqs.send(new sdk.SendMessageCommand({ QueueUrl: url, MessageBody: 'job' }));
    let handled!: () => void;
    const done = new Promise<void>((resolve) => {
      handled = resolve;
    });
    const bodies: (string | undefined)[] = [];
    const consumer = Consumer.create({
      queueUrl: url,
      sqs,
      waitTimeSeconds: 1,
      handleMessage: async (message) => {
        bodies.push(message.Body);
        trace.getTracer('test').startSpan(`handler ${name}`).end();
        return message;
      },
    });
    // Emitted after the handler settled (its span ended) and the message was deleted.
    consumer.on('message_processed', () => handled());
    await consumeUntil(consumer, done);
    expect(bodies).toEqual(['job']);
    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    const process = onlySpan(spans, `process ${name}`);
    assertSpan(process, { parent: send, attributes: { 'aws.sqs.queue.url': url } });
    assertSpan(onlySpan(spans, `handler ${name}`), { parent: process });
    assertSpan(onlySpan(spans, `receive ${name}`), { links: [{ to: send }] });
  });

  it('runs handleMessageBatch in one process span linked to every message', async () => {
    const url = await queue('consumer-batch');
    const name = queueName(url);
    const sqs = client();
    await sqs.send(
      new sdk.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
          { Id: 'c', MessageBody: 'c' },
        ],
      }),
    );
    const seen: string[] = [];
    let handled!: () => void;
    const done = new Promise<void>((resolve) => {
      handled = resolve;
    });
    const consumer = Consumer.create({
      queueUrl: url,
      sqs,
      batchSize: 10,
      waitTimeSeconds: 1,
      handleMessageBatch: async (messages) => {
        seen.push(...messages.map((m) => m.Body ?? ''));
        return messages;
      },
    });
    consumer.on('response_processed', () => {
      if (seen.length >= 3) handled();
    });
    await consumeUntil(consumer, done);
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    const spans = telemetry.spans();
    const send = onlySpan(spans, `send ${name}`);
    const processes = spans.filter((s) => s.name === `process ${name}`);
    expect(processes.reduce((n, s) => n + s.links.length, 0)).toBe(3);
    for (const process of processes) {
      assertSpan(process, { parent: null });
      for (const link of process.links) expect(link.context.spanId).toBe(send.spanId);
    }
  });
});
