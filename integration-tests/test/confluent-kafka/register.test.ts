import { describe, expect } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  uniqueName,
  withoutLibraryWarnings,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { CONFLUENT_REGISTER, fixtures } from '../../src/confluent';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const APPS = {
  cjs: { value: 'hello', clientId: 'cfk-app' },
  esm: { value: 'hello from esm', clientId: 'cfk-esm' },
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

describe('the Confluent register entry, in a real Node process', () => {
  itInstrumentsThroughTheRegisterEntry({
    entry: CONFLUENT_REGISTER,
    fixtures,
    cjs: 'app.cjs',
    esm: 'app.mjs',
    destination: (label) => uniqueName(`cfk-${label}`),
    env: (topic, extra) => ({ TOPIC: topic, SCENARIO: 'roundtrip', ...extra }),
    lowest: {
      library: '@confluentinc/kafka-javascript',
      folder: 'confluent-kafka',
      version: '1.0.0',
      variable: 'CONFLUENT_MODULE',
    },
    expectTracedRoundTrip,
    producerSpan: (topic) => `send ${topic}`,
  });
});
