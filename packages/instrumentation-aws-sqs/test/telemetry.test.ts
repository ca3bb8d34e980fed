import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { decodePathway } from '@msgtrace/core';
import { callThroughMiddleware, setupTestTelemetry } from '@msgtrace/test-utils';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AwsSqsInstrumentation } from '../src/instrumentation';
import { sqsMiddleware } from '../src/patches/middleware';
import { instrumentConsumerModule } from '../src/patches/sqs-consumer';
import { processMessage, processMessages } from '../src/process-message';
import type { SqsMessage } from '../src/types';

/**
 * The middleware and telemetry driven with inputs and answers of our making (including the
 * partial failures ElasticMQ rarely gives), and the per-message helpers and sqs-consumer patch
 * with fake objects. The broker suites cover the real client.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const instrumentation = new AwsSqsInstrumentation();
const QueueUrl = 'http://localhost:9324/000000000000/orders';

const call = (commandName: string, input: object, answer: object | Error) =>
  callThroughMiddleware(
    sqsMiddleware(instrumentation.telemetry, () => true),
    commandName,
    { input, request: 'kept' },
    answer,
  );

const metadata = { $metadata: { requestId: 'req-1' } };

async function sendOne(): Promise<Record<string, unknown>> {
  const { sent } = await call(
    'SendMessageCommand',
    { QueueUrl, MessageBody: 'hi' },
    { MessageId: 'm-1', ...metadata },
  );
  return sent.input as Record<string, unknown>;
}

describe('send', () => {
  it('sends a copy carrying the span in message attributes; the rest of the arguments go on', async () => {
    const input = Object.freeze({ QueueUrl, MessageBody: 'hi' });
    const { sent } = await call('SendMessageCommand', input, { MessageId: 'm-1', ...metadata });
    expect(sent.request).toBe('kept');
    const attributes = (
      sent.input as { MessageAttributes: Record<string, { StringValue: string }> }
    ).MessageAttributes;
    expect(attributes.traceparent?.StringValue).toMatch(/^00-/);
    expect(input).toEqual({ QueueUrl, MessageBody: 'hi' });
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'send orders', kind: SpanKind.PRODUCER });
    expect(span?.attributes).toMatchObject({
      'messaging.message.id': 'm-1',
      'aws.request_id': 'req-1',
      'msgtrace.sqs.context_carrier': 'message-attributes',
      'server.address': 'localhost',
    });
  });

  it('records a batch’s refused entries as events and as sent messages with their code', async () => {
    const { sent } = await call(
      'SendMessageBatchCommand',
      {
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: '1' },
          { Id: 'b', MessageBody: '2' },
        ],
      },
      {
        Successful: [{ Id: 'a', MessageId: 'm-a' }],
        Failed: [{ Id: 'b', Code: 'InvalidMessageContents', SenderFault: true }],
      },
    );
    const entries = (sent.input as { Entries: { MessageAttributes?: object }[] }).Entries;
    expect(entries.every((e) => e.MessageAttributes)).toBe(true);
    const [span] = telemetry.spans();
    expect(span?.attributes).toMatchObject({
      'messaging.batch.message_count': 2,
      'msgtrace.sqs.failed_count': 1,
    });
    expect(span?.events.map((e) => [e.name, e.attributes['msgtrace.sqs.entry_id']])).toEqual([
      ['msgtrace.sqs.entry_failed', 'b'],
    ]);
    const sentMetric = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.client.sent.messages',
    );
    expect(
      sentMetric?.dataPoints.find((p) => p.attributes['error.type'] === 'InvalidMessageContents')
        ?.value,
    ).toBe(1);
  });

  it('with createSpanPerMessage, gives each entry its own create span, ended with its outcome', async () => {
    instrumentation.setConfig({ createSpanPerMessage: true });
    try {
      await call(
        'SendMessageBatchCommand',
        {
          QueueUrl,
          Entries: [
            { Id: 'a', MessageBody: '1' },
            { Id: 'b', MessageBody: '2' },
          ],
        },
        { Successful: [{ Id: 'a', MessageId: 'm-a' }], Failed: [{ Id: 'b', Code: 'Throttled' }] },
      );
      const creates = telemetry.spans().filter((s) => s.name === 'create orders');
      expect(creates.map((c) => c.attributes['messaging.message.id'])).toEqual(['m-a', undefined]);
      expect(creates.map((c) => c.status.code)).toEqual([
        SpanStatusCode.UNSET,
        SpanStatusCode.ERROR,
      ]);
    } finally {
      instrumentation.setConfig({});
    }
  });

  it('marks a failed send, and rethrows the SDK’s error', async () => {
    const error = Object.assign(new Error('denied'), { name: 'AccessDenied', ...metadata });
    const { result } = await call('SendMessageCommand', { QueueUrl, MessageBody: 'x' }, error);
    expect(result).toBe(error);
    const [span] = telemetry.spans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toMatchObject({
      'error.type': 'AccessDenied',
      'aws.request_id': 'req-1',
    });
  });
});

describe('receive, delete and the helpers', () => {
  async function receive(): Promise<{ message: SqsMessage; sendSpanId: string | undefined }> {
    const sentInput = await sendOne();
    const sendSpanId = telemetry.spans()[0]?.spanId;
    telemetry.reset();
    const message: SqsMessage = {
      MessageId: 'm-1',
      Body: 'hi',
      Attributes: { SentTimestamp: String(Date.now() - 500) },
      MessageAttributes: sentInput.MessageAttributes as SqsMessage['MessageAttributes'],
    };
    const { sent, result } = await call(
      'ReceiveMessageCommand',
      { QueueUrl },
      { Messages: [message], ...metadata },
    );
    expect((sent.input as { MessageAttributeNames?: string[] }).MessageAttributeNames).toContain(
      'traceparent',
    );
    expect((result as { output: unknown }).output).toEqual({ Messages: [message], ...metadata });
    return { message, sendSpanId };
  }

  it('links the receive span to each message’s sender and gives the app messages as asked', async () => {
    const { message, sendSpanId } = await receive();
    expect(message.MessageAttributes).toBeUndefined();
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'receive orders', kind: SpanKind.CLIENT });
    expect(span?.links.map((l) => l.context.spanId)).toEqual([sendSpanId]);
  });

  it('processMessage parents on the remembered sender; processMessages links to all', async () => {
    const { message, sendSpanId } = await receive();
    telemetry.reset();
    const id = processMessage(message, (span) => span?.spanContext().spanId);
    await processMessages([message, { MessageId: 'other' }], async () => undefined);
    const [process, batch] = telemetry.spans();
    expect(process?.spanId).toBe(id);
    expect(process?.parentSpanId).toBe(sendSpanId);
    expect(batch?.attributes['messaging.batch.message_count']).toBe(2);
    expect(batch?.links.map((l) => l.context.spanId)).toEqual([sendSpanId]);
  });

  it('counts a Lambda record as consumed where no receive did', async () => {
    processMessage(
      {
        messageId: 'lambda-1',
        body: 'x',
        attributes: { SentTimestamp: String(Date.now() - 100) },
        messageAttributes: {},
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:lambda-queue',
      } as never,
      () => undefined,
    );
    expect(telemetry.spans()[0]?.name).toBe('process lambda-queue');
    const consumed = (await telemetry.collectMetrics()).find(
      (m) => m.name === 'messaging.client.consumed.messages',
    );
    expect(
      consumed?.dataPoints.find(
        (p) => p.attributes['messaging.destination.name'] === 'lambda-queue',
      )?.value,
    ).toBe(1);
  });

  it('makes delete a settle span, with the batch count and failures', async () => {
    await call(
      'DeleteMessageBatchCommand',
      { QueueUrl, Entries: [{}, {}] },
      {
        Failed: [{ Id: '1', Code: 'ReceiptHandleIsInvalid' }],
      },
    );
    const [span] = telemetry.spans();
    expect(span).toMatchObject({ name: 'delete orders', kind: SpanKind.CLIENT });
    expect(span?.attributes).toMatchObject({
      'messaging.operation.type': 'settle',
      'messaging.batch.message_count': 2,
      'msgtrace.sqs.failed_count': 1,
    });
  });

  it('passes other commands, and everything when inactive, straight through', async () => {
    await call('ListQueuesCommand', {}, {});
    const off = sqsMiddleware(instrumentation.telemetry, () => false)(
      async (args) => ({ output: args }),
      {
        commandName: 'SendMessageCommand',
      },
    );
    await off({ input: { QueueUrl, MessageBody: 'x' } });
    expect(telemetry.spans()).toEqual([]);
  });
});

describe('sqs-consumer', () => {
  it('gives handleMessage and handleMessageBatch process spans, and restores on disable', async () => {
    const prototype = {
      queueUrl: QueueUrl,
      async executeHandler(message: SqsMessage) {
        return message.MessageId;
      },
      async executeBatchHandler(messages: SqsMessage[]) {
        return messages.length;
      },
    };
    const module = { Consumer: { prototype } };
    instrumentation.instrumentModule('sqs-consumer', module);
    await expect(prototype.executeHandler({ MessageId: 'a' })).resolves.toBe('a');
    await expect(
      prototype.executeBatchHandler([{ MessageId: 'a' }, { MessageId: 'b' }]),
    ).resolves.toBe(2);
    expect(telemetry.spans().map((s) => s.name)).toEqual(['process orders', 'process orders']);
    expect(instrumentConsumerModule({})).toEqual({});
  });
});

describe('disabled', () => {
  it('runs the helpers’ work with no span', async () => {
    instrumentation.disable();
    try {
      expect(processMessage({ MessageId: 'a' }, (span) => span)).toBeUndefined();
      expect(processMessages([{ MessageId: 'a' }], (span) => span)).toBeUndefined();
    } finally {
      instrumentation.enable();
    }
  });
});

describe('pathways, by default (off)', () => {
  const attributesOf = (input: Record<string, unknown>) =>
    input.MessageAttributes as Record<string, { StringValue?: string }>;

  it('writes no pathway attribute, does not ask for one, and strips one that comes anyway', async () => {
    const sent = await sendOne();
    expect(Object.keys(attributesOf(sent))).toEqual(['traceparent']);
    const message: SqsMessage = {
      MessageId: 'm-pw-off',
      Body: 'hi',
      MessageAttributes: {
        ...(attributesOf(sent) as SqsMessage['MessageAttributes']),
        'msgtrace-pw': { DataType: 'String', StringValue: '9f86d081884c7d65.2.mx2w2s2m' },
      },
    };
    const { sent: receiveRequest } = await call(
      'ReceiveMessageCommand',
      { QueueUrl },
      { Messages: [message] },
    );
    expect(
      (receiveRequest.input as { MessageAttributeNames: string[] }).MessageAttributeNames,
    ).not.toContain('msgtrace-pw');
    expect(message.MessageAttributes).toBeUndefined();
    const next = await processMessage(message, () => sendOne());
    expect(Object.keys(attributesOf(next))).toEqual(['traceparent']);
    const names = (await telemetry.collectMetrics()).map((m) => m.name);
    expect(names.filter((name) => name.startsWith('msgtrace.pathway'))).toEqual([]);
  });
});

describe('pathways, turned on', () => {
  beforeAll(() => instrumentation.setConfig({ pipelines: { enabled: true } }));
  afterAll(() => instrumentation.setConfig({}));
  const attributesOf = (input: Record<string, unknown>) =>
    input.MessageAttributes as Record<string, { StringValue?: string }>;
  const producedOn = async (destination: string) =>
    (
      (await telemetry.collectMetrics()).find((m) => m.name === 'msgtrace.pathway.produced')
        ?.dataPoints ?? []
    ).filter((p) => p.attributes['messaging.destination.name'] === destination);

  it('travels after the trace context, is stripped on receive and continues in processMessage', async () => {
    const sent = await sendOne();
    const pathway = decodePathway(attributesOf(sent)['msgtrace-pw']?.StringValue);
    expect(pathway?.hops).toBe(1);
    expect(Object.keys(attributesOf(sent))).toEqual(['traceparent', 'msgtrace-pw']);
    const message: SqsMessage = {
      MessageId: 'm-pw',
      Body: 'hi',
      MessageAttributes: attributesOf(sent) as SqsMessage['MessageAttributes'],
    };
    const { sent: receiveRequest } = await call(
      'ReceiveMessageCommand',
      { QueueUrl },
      { Messages: [message] },
    );
    expect(
      (receiveRequest.input as { MessageAttributeNames: string[] }).MessageAttributeNames,
    ).toContain('msgtrace-pw');
    expect(message.MessageAttributes).toBeUndefined();
    const next = await processMessage(message, () => sendOne());
    expect(decodePathway(attributesOf(next)['msgtrace-pw']?.StringValue)).toMatchObject({
      hops: 2,
      startMs: pathway?.startMs,
    });
  });

  it('gives way to the caller’s attributes: with no slot left it is neither written nor counted', async () => {
    const full = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'x' }]),
    );
    const queue = 'http://localhost:9324/000000000000/full';
    const { sent } = await call(
      'SendMessageCommand',
      { QueueUrl: queue, MessageBody: 'hi', MessageAttributes: full },
      { MessageId: 'm-1' },
    );
    const written = attributesOf(sent.input as Record<string, unknown>);
    expect(written.traceparent).toBeDefined();
    expect(written['msgtrace-pw']).toBeUndefined();
    expect(await producedOn('full')).toEqual([]);
    await call('SendMessageCommand', { QueueUrl: queue, MessageBody: 'hi' }, { MessageId: 'm-2' });
    expect((await producedOn('full')).map((p) => p.value)).toEqual([1]);
  });
});
