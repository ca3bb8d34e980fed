import { afterAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callThroughMiddleware, setupTestTelemetry } from '@msgtrace/test-utils';
import { type Context, propagation, trace } from '@opentelemetry/api';
import { AttributesMd5Memo, messageAttributesMd5 } from '../src/attribute-md5';
import { AwsSqsInstrumentation } from '../src/instrumentation';
import { sqsMiddleware } from '../src/patches/middleware';
import { processMessage } from '../src/process-message';
import { CreationMemo, creationOf } from '../src/telemetry/creation';
import type { SqsMessage } from '../src/types';

/**
 * The per-answer memos of the receive side: a memo may skip work, never change an answer. Every
 * ordered pair of the message shapes below (hostile ones included) must give what the work done
 * afresh gives.
 */
const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());
beforeEach(() => telemetry.reset());

const TP_A = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const TP_B = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203332-01';
const string = (value: string) => ({ DataType: 'String', StringValue: value });

/** Fresh objects every call, as the SDK parses each message anew. */
const SHAPES: Record<string, () => SqsMessage> = {
  a: () => ({ Body: 'x', MessageAttributes: { app: string('1'), traceparent: string(TP_A) } }),
  'a again': () => ({
    Body: 'y',
    MessageAttributes: { app: string('1'), traceparent: string(TP_A) },
  }),
  'a, other app value': () => ({
    MessageAttributes: { app: string('2'), traceparent: string(TP_A) },
  }),
  'a, other order': () => ({
    MessageAttributes: { traceparent: string(TP_A), app: string('1') },
  }),
  b: () => ({ MessageAttributes: { app: string('1'), traceparent: string(TP_B) } }),
  'invalid traceparent': () => ({
    MessageAttributes: { app: string('1'), traceparent: string('00-zz-zz-01') },
  }),
  'a with tracestate': () => ({
    MessageAttributes: {
      app: string('1'),
      traceparent: string(TP_A),
      tracestate: string('k=v'),
    },
  }),
  'a, upper-case name': () => ({
    MessageAttributes: { app: string('1'), TraceParent: string(TP_B) },
  }),
  'a as binary': () => ({
    MessageAttributes: {
      app: string('1'),
      traceparent: { DataType: 'Binary', BinaryValue: Buffer.from(TP_B) },
    },
  }),
  'a, inherited value': () => ({
    MessageAttributes: {
      app: string('1'),
      traceparent: Object.create({ StringValue: TP_B, DataType: 'String' }),
    },
  }),
  'a, own __proto__ name': () => ({
    MessageAttributes: JSON.parse(
      `{"app": {"DataType": "String", "StringValue": "1"}, "__proto__": {"DataType": "String", "StringValue": "${TP_B}"}}`,
    ),
  }),
  'a, value getter that throws': () => ({
    MessageAttributes: {
      app: string('1'),
      get traceparent(): never {
        throw new Error('hostile');
      },
    },
  }),
  'AWSTraceHeader only': () => ({
    Attributes: {
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    },
  }),
  'no attributes': () => ({ Body: 'x' }),
  'empty attributes': () => ({ MessageAttributes: {} }),
};

const spanIdOf = (context: Context | undefined) =>
  context ? trace.getSpanContext(context)?.spanId : undefined;

describe('CreationMemo', () => {
  const names = Object.keys(SHAPES);

  it('gives every message of every ordered pair what extracting it afresh gives', () => {
    for (const first of names) {
      for (const second of names) {
        const memo = new CreationMemo({});
        for (const name of [first, second, first]) {
          const message = (SHAPES[name] as () => SqsMessage)();
          expect([first, second, name, spanIdOf(memo.of(message))]).toEqual([
            first,
            second,
            name,
            spanIdOf(creationOf(message, {})),
          ]);
        }
      }
    }
  });

  it('extracts a run of identical carriers once and gives the same context', () => {
    const extract = jest.spyOn(propagation, 'extract');
    try {
      const memo = new CreationMemo({});
      const contexts = [1, 2, 3].map(() => memo.of((SHAPES.a as () => SqsMessage)()));
      expect(extract).toHaveBeenCalledTimes(1);
      expect(contexts[1]).toBe(contexts[0]);
      expect(contexts[2]).toBe(contexts[0]);
      expect(trace.getSpanContext(contexts[0] as Context)?.spanId).toBe('b7ad6b7169203331');
      memo.of((SHAPES.b as () => SqsMessage)());
      expect(extract).toHaveBeenCalledTimes(2);
    } finally {
      extract.mockRestore();
    }
  });

  it('never remembers a message without context from its attributes', () => {
    const memo = new CreationMemo({});
    const invalid = (SHAPES['invalid traceparent'] as () => SqsMessage)();
    expect(memo.of(invalid)).toBeUndefined();
    expect(memo.of(invalid)).toBeUndefined();
    expect(spanIdOf(memo.of((SHAPES.a as () => SqsMessage)()))).toBe('b7ad6b7169203331');
  });
});

describe('AttributesMd5Memo', () => {
  const maps: Record<string, () => Record<string, unknown>> = {
    one: () => ({ app: string('1') }),
    'one again': () => ({ app: string('1') }),
    'other value': () => ({ app: string('2') }),
    'other type': () => ({ app: { DataType: 'Number', StringValue: '1' } }),
    'custom type': () => ({ app: { DataType: 'String.x', StringValue: '1' } }),
    two: () => ({ app: string('1'), b: string('2') }),
    'two reversed': () => ({ b: string('2'), app: string('1') }),
    binary: () => ({ app: { DataType: 'Binary', BinaryValue: Buffer.from('1') } }),
    'other binary': () => ({ app: { DataType: 'Binary', BinaryValue: Buffer.from('2') } }),
    'no data type': () => ({ app: { StringValue: '1' } }),
    'no value': () => ({ app: { DataType: 'String' } }),
    'list only': () => ({ app: { DataType: 'String', StringListValues: ['1'] } }),
  };
  const names = Object.keys(maps);

  it('gives every map of every ordered pair what digesting it afresh gives', () => {
    for (const first of names) {
      for (const second of names) {
        const memo = new AttributesMd5Memo();
        for (const name of [first, second, first, second]) {
          const map = (maps[name] as () => Record<string, never>)();
          expect([first, second, name, memo.of(map)]).toEqual([
            first,
            second,
            name,
            messageAttributesMd5(map),
          ]);
        }
      }
    }
  });
});

describe('a ReceiveMessage answer with runs of one carrier', () => {
  const instrumentation = new AwsSqsInstrumentation();
  const QueueUrl = 'http://localhost:9324/000000000000/memo';

  it('links, remembers and restores every message as if each were read alone', async () => {
    const message = (id: string, traceparent: string, app: string): SqsMessage => ({
      MessageId: id,
      Body: 'b',
      MD5OfMessageAttributes: 'as sent',
      MessageAttributes: { app: string(app), traceparent: string(traceparent) },
    });
    const messages = [
      message('1', TP_A, 'x'),
      message('2', TP_A, 'x'),
      message('3', TP_B, 'x'),
      message('4', TP_B, 'y'),
      { MessageId: '5', Body: 'none' },
    ];
    await callThroughMiddleware(
      sqsMiddleware(instrumentation.telemetry, () => true),
      'ReceiveMessageCommand',
      { input: { QueueUrl, MessageAttributeNames: ['app'] } },
      { Messages: messages },
    );
    const [receive] = telemetry.spans();
    expect(receive?.links.map((l) => l.context.spanId)).toEqual([
      'b7ad6b7169203331',
      'b7ad6b7169203331',
      'b7ad6b7169203332',
      'b7ad6b7169203332',
    ]);
    expect(receive?.links.map((l) => l.attributes['messaging.message.id'])).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(messages.map((m) => m.MessageAttributes)).toEqual([
      { app: string('x') },
      { app: string('x') },
      { app: string('x') },
      { app: string('y') },
      undefined,
    ]);
    expect(messages.map((m) => m.MD5OfMessageAttributes)).toEqual([
      messageAttributesMd5({ app: string('x') }),
      messageAttributesMd5({ app: string('x') }),
      messageAttributesMd5({ app: string('x') }),
      messageAttributesMd5({ app: string('y') }),
      undefined,
    ]);
    telemetry.reset();
    for (const m of messages) processMessage(m, () => undefined);
    expect(telemetry.spans().map((s) => s.parentSpanId)).toEqual([
      'b7ad6b7169203331',
      'b7ad6b7169203331',
      'b7ad6b7169203332',
      'b7ad6b7169203332',
      undefined,
    ]);
  });
});
