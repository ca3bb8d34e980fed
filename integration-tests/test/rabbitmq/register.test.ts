import { join } from 'node:path';
import { describe, expect } from '@jest/globals';
import { assertSpan, type FixtureResult, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const VALUES = { cjs: 'hello', esm: 'hello from esm' };

function expectTracedRoundTrip(result: FixtureResult, queue: string, app: 'cjs' | 'esm') {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    value: VALUES[app],
    // traceparent only: pipelines are opt-in, so no msgtrace-pw by default.
    headers: ['app', 'traceparent'],
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
  itInstrumentsThroughTheRegisterEntry({
    entry: '@msgtrace/instrumentation-amqplib/register',
    fixtures: join(__dirname, 'fixtures'),
    cjs: 'publish-and-consume.cjs',
    esm: 'publish-and-consume.mjs',
    destination: uniqueName,
    env: (queue, extra) => ({ QUEUE: queue, ...extra }),
    lowest: { library: 'amqplib', version: '0.10.0', variable: 'AMQPLIB_MODULE' },
    expectTracedRoundTrip,
    producerSpan: (queue) => `publish ${queue}`,
  });
});
