import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  runFixture,
  uniqueName,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const REGISTER = '@msgtrace/instrumentation-kafkajs/register';
const fixtures = join(__dirname, 'fixtures');
// What each fixture sends, and the client id it sets.
const APPS = {
  cjs: { value: 'hello', clientId: 'fixture-app' },
  esm: { value: 'hello from esm', clientId: 'fixture-esm' },
};

function expectTracedRoundTrip(result: FixtureResult, topic: string, app: 'cjs' | 'esm') {
  const { value, clientId } = APPS[app];
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
  itInstrumentsThroughTheRegisterEntry({
    entry: REGISTER,
    fixtures,
    cjs: 'send-and-consume.cjs',
    esm: 'send-and-consume.mjs',
    destination: uniqueName,
    env: (topic, extra) => ({ TOPIC: topic, ...extra }),
    lowest: { library: 'kafkajs', version: '2.0.0', variable: 'KAFKAJS_MODULE' },
    expectTracedRoundTrip,
    producerSpan: (topic) => `send ${topic}`,
  });

  it('takes the propagation mode from the environment', async () => {
    const topic = uniqueName('register-link');
    const result = await runFixture(join(fixtures, 'send-and-consume.cjs'), {
      require: [REGISTER],
      env: { TOPIC: topic, MSGTRACE_LINK_DESTINATIONS: topic },
    });
    expect(result.code).toBe(0);
    const send = onlySpan(result.spans, `send ${topic}`);
    assertSpan(onlySpan(result.spans, `process ${topic}`), { parent: null, links: [{ to: send }] });
  });
});
