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

const REGISTER = '@msgtrace/instrumentation-aws-kinesis/register';
const fixture = (name: string) => join(__dirname, 'fixtures', name);
const BODY = '{ "order": 1152921504606846977,\n  "items": [] }';
const env = (stream: string, extra: NodeJS.ProcessEnv = {}) => ({
  STREAM: stream,
  BODY,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...extra,
});

function expectTracedRoundTrip(result: FixtureResult, stream: string) {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({ seen: BODY, callerData: BODY });
  const send = onlySpan(result.spans, `send ${stream}`);
  assertSpan(send, {
    kind: SpanKind.PRODUCER,
    attributes: { 'msgtrace.kinesis.context_injected': 1 },
  });
  assertSpan(onlySpan(result.spans, `receive ${stream}`), {
    kind: SpanKind.CLIENT,
    links: [{ to: send }],
  });
  const process = onlySpan(result.spans, `process ${stream}`);
  assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
  assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
}

describe('the Kinesis register entry, in a real Node process', () => {
  it('instruments a CommonJS app through --require', async () => {
    const stream = uniqueName('register-cjs');
    const result = await runFixture(fixture('put-and-get.cjs'), {
      require: [REGISTER],
      env: env(stream),
    });
    expectTracedRoundTrip(result, stream);
  });

  it('instruments an ES module app through --import, once even when also required', async () => {
    const stream = uniqueName('register-esm');
    const result = await runFixture(fixture('put-and-get.mjs'), {
      require: [REGISTER],
      import: [REGISTER],
      env: env(stream),
    });
    expectTracedRoundTrip(result, stream);
    expect(spansNamed(result.spans, `send ${stream}`)).toHaveLength(1);
  });

  it('instruments the lowest supported @aws-sdk/client-kinesis, 3.363.0, too', async () => {
    const lowest = lowestInstalled('@aws-sdk/client-kinesis', 'aws-kinesis');
    expect(lowest.version).toBe('3.363.0');
    const stream = uniqueName('register-lowest');
    const result = await runFixture(fixture('put-and-get.cjs'), {
      require: [REGISTER],
      env: env(stream, { CLIENT_KINESIS_MODULE: lowest.dir }),
    });
    expectTracedRoundTrip(result, stream);
  });

  it('reads its options from the environment: no injection into listed streams', async () => {
    const stream = uniqueName('register-lake');
    const result = await runFixture(fixture('put-and-get.cjs'), {
      require: [REGISTER],
      env: env(stream, { MSGTRACE_KINESIS_NO_INJECT_STREAMS: `other,${stream}` }),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ seen: BODY, callerData: BODY });
    assertSpan(onlySpan(result.spans, `send ${stream}`), {
      attributes: { 'msgtrace.kinesis.context_skipped': 'disabled' },
    });
    assertSpan(onlySpan(result.spans, `receive ${stream}`), { links: [] });
  });
});
