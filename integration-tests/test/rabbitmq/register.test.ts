import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  runFixture,
  spansNamed,
  uniqueName,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { lowestInstalled } from '../../src/versions';

const REGISTER = '@msgtrace/instrumentation-amqplib/register';
const fixture = (name: string) => join(__dirname, 'fixtures', name);

function expectTracedRoundTrip(result: FixtureResult, queue: string, value: string) {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    value,
    headers: ['app', 'msgtrace-pw', 'traceparent'],
    callerHeaders: ['app'],
  });
  const publish = onlySpan(result.spans, `publish ${queue}`);
  assertSpan(publish, { kind: SpanKind.PRODUCER, attributes: { 'messaging.message.id': 'm-1' } });
  const process = onlySpan(result.spans, `process ${queue}`);
  assertSpan(process, {
    kind: SpanKind.CONSUMER,
    parent: publish,
    attributes: { 'msgtrace.rabbitmq.settlement': 'ack' },
  });
  assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
}

describe('the amqplib register entry, in a real Node process', () => {
  it('instruments a CommonJS app through --require', async () => {
    const queue = uniqueName('register-cjs');
    const result = await runFixture(fixture('publish-and-consume.cjs'), {
      require: [REGISTER],
      env: { QUEUE: queue },
    });
    expectTracedRoundTrip(result, queue, 'hello');
  });

  it('instruments an ES module app through --import, once even when also required', async () => {
    const queue = uniqueName('register-esm');
    const result = await runFixture(fixture('publish-and-consume.mjs'), {
      require: [REGISTER],
      import: [REGISTER],
      env: { QUEUE: queue },
    });
    expectTracedRoundTrip(result, queue, 'hello from esm');
    expect(spansNamed(result.spans, `publish ${queue}`)).toHaveLength(1);
  });

  it('instruments the lowest supported amqplib, 0.10.0, too', async () => {
    const lowest = lowestInstalled('amqplib');
    expect(lowest.version).toBe('0.10.0');
    const queue = uniqueName('register-lowest');
    const result = await runFixture(fixture('publish-and-consume.cjs'), {
      require: [REGISTER],
      env: { QUEUE: queue, AMQPLIB_MODULE: lowest.dir },
    });
    expectTracedRoundTrip(result, queue, 'hello');
  });
});
