import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertUnharmedByThrowingTelemetry,
  runUnderThrowingTelemetry,
  spansNamed,
  uniqueName,
} from '@msgtrace/test-utils';

const fixture = (name: string) => join(__dirname, 'fixtures', name);

/**
 * The rule "code our patches run from a library callback, listener or timer is guarded", checked:
 * each fixture drives every such path of one package against the real broker, bare and then with
 * a span processor throwing from onStart, then from onEnd. The app must see exactly what it saw
 * bare, and nothing may reach it as an uncaught exception or unhandled rejection.
 */
describe('a span processor that throws changes nothing the app sees', () => {
  it('amqplib: publish, confirm callback, consume, settle-timeout sweep, channel close, get', async () => {
    const runs = await runUnderThrowingTelemetry(fixture('amqplib-paths.cjs'), (run) => ({
      QUEUE: uniqueName(`throwing-amqp-${run}`),
    }));
    assertUnharmedByThrowingTelemetry(runs);
    expect(JSON.parse(runs.bare.stdout)).toEqual([
      { confirm: 'acked' },
      { ack: 'confirmed' },
      { noAck: 'auto' },
      { timeout: 'slow' },
      { closed: 'requeued', redelivered: true },
      { get: 'pulled object' },
      { callbackGet: 'called back' },
    ]);
    // With onEnd throwing, every span still ended, on each path (the recording processor runs
    // first): the sweep's and the close listener's included.
    const settlements = (spans: typeof runs.bare.spans) =>
      spans
        .map((span) => span.attributes['msgtrace.rabbitmq.settlement'])
        .filter((value) => value !== undefined)
        .sort();
    expect(settlements(runs.bare.spans)).toEqual(['ack', 'auto-ack', 'channel-closed', 'timeout']);
    expect(settlements(runs.onEnd.spans)).toEqual(settlements(runs.bare.spans));
    expect(runs.onEnd.spans).toHaveLength(runs.bare.spans.length);
    // onStart throwing: no span could start, and every call went on uninstrumented.
    expect(runs.onStart.spans).toEqual([]);
  });

  it('SQS: send, batch send, receive, processMessage(s), a Lambda record, deletes', async () => {
    const runs = await runUnderThrowingTelemetry(fixture('sqs-paths.cjs'), (run) => ({
      QUEUE: uniqueName(`throwing-sqs-${run}`),
    }));
    assertUnharmedByThrowingTelemetry(runs);
    expect(JSON.parse(runs.bare.stdout)).toEqual({
      sent: 'string',
      batchSent: 2,
      bodies: ['one', 'three', 'two'],
      attributes: [['app'], [], []],
      single: 'one object',
      all: '3 object',
      lambda: 'lambda object',
      deleted: 2,
    });
    for (const run of ['bare', 'onEnd'] as const) {
      expect(spansNamed(runs[run].spans, 'process lambda-queue')).toHaveLength(1);
    }
  });

  it('Kinesis: puts, GetShardIterator, GetRecords, processRecord, processLambdaRecord', async () => {
    const runs = await runUnderThrowingTelemetry(fixture('kinesis-paths.cjs'), (run) => ({
      STREAM: uniqueName(`throwing-kinesis-${run}`),
    }));
    assertUnharmedByThrowingTelemetry(runs);
    expect(JSON.parse(runs.bare.stdout)).toEqual({
      failedPuts: 0,
      records: ['{"n":1}', '{"n":2}', 'plain bytes'],
      processed: ['{"n":1} object', '{"n":2} object', 'plain bytes object'],
      lambda: '{"n":3} object',
      callerData: '{"n":1}',
    });
  });

  it('kafkajs: send, sendBatch, eachMessage, eachBatch and processMessage inside it', async () => {
    const runs = await runUnderThrowingTelemetry(fixture('kafkajs-paths.cjs'), (run) => ({
      TOPIC: uniqueName(`throwing-kafka-${run}`),
    }));
    assertUnharmedByThrowingTelemetry(runs);
    expect(JSON.parse(runs.bare.stdout)).toEqual({
      sent: [0],
      batchSent: [0, 0],
      eachMessage: ['one', 'two'],
      eachBatch: ['three object', 'four object'],
    });
  });
});
