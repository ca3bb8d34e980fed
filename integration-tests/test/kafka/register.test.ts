import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  runFixture,
  spansNamed,
  uniqueName,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { lowestInstalled } from '../../src/versions';

const REGISTER = '@msgtrace/instrumentation-kafkajs/register';
const fixture = (name: string) => join(__dirname, 'fixtures', name);

function expectTracedRoundTrip(
  result: FixtureResult,
  topic: string,
  value: string,
  clientId: string,
) {
  expect(withoutLibraryWarnings(result.stderr)).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    value,
    headers: ['app', 'msgtrace-pw', 'traceparent'],
    callerHeaders: ['app'],
  });
  const send = onlySpan(result.spans, `send ${topic}`);
  assertSpan(send, { kind: SpanKind.PRODUCER, attributes: { 'messaging.client.id': clientId } });
  const process = onlySpan(result.spans, `process ${topic}`);
  assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
  assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
}

describe('the register entry, in a real Node process', () => {
  it('instruments a CommonJS app through --require', async () => {
    const topic = uniqueName('register-cjs');
    const result = await runFixture(fixture('send-and-consume.cjs'), {
      require: [REGISTER],
      env: { TOPIC: topic },
    });
    expectTracedRoundTrip(result, topic, 'hello', 'fixture-app');
  });

  it('instruments an ES module app through --import', async () => {
    const topic = uniqueName('register-esm');
    const result = await runFixture(fixture('send-and-consume.mjs'), {
      import: [REGISTER],
      env: { TOPIC: topic },
    });
    expectTracedRoundTrip(result, topic, 'hello from esm', 'fixture-esm');
  });

  it('instruments once when loaded twice, through both entries', async () => {
    const topic = uniqueName('register-twice');
    const result = await runFixture(fixture('send-and-consume.cjs'), {
      require: [REGISTER, REGISTER],
      import: [REGISTER],
      env: { TOPIC: topic },
    });
    expectTracedRoundTrip(result, topic, 'hello', 'fixture-app');
    expect(spansNamed(result.spans, `send ${topic}`)).toHaveLength(1);
  });

  it('instruments the lowest supported kafkajs, 2.0.0, too', async () => {
    const lowest = lowestInstalled('kafkajs');
    expect(lowest.version).toBe('2.0.0');
    const topic = uniqueName('register-lowest');
    const result = await runFixture(fixture('send-and-consume.cjs'), {
      require: [REGISTER],
      env: { TOPIC: topic, KAFKAJS_MODULE: lowest.dir },
    });
    expectTracedRoundTrip(result, topic, 'hello', 'fixture-app');
  });

  it('takes the propagation mode from the environment', async () => {
    const topic = uniqueName('register-link');
    const result = await runFixture(fixture('send-and-consume.cjs'), {
      require: [REGISTER],
      env: { TOPIC: topic, MSGTRACE_LINK_DESTINATIONS: topic },
    });
    expect(result.code).toBe(0);
    const send = onlySpan(result.spans, `send ${topic}`);
    assertSpan(onlySpan(result.spans, `process ${topic}`), { parent: null, links: [{ to: send }] });
  });
});
