import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  runFixture,
  uniqueName,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const REGISTER = '@msgtrace/instrumentation-aws-kinesis/register';
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
  itInstrumentsThroughTheRegisterEntry({
    entry: REGISTER,
    fixtures: join(__dirname, 'fixtures'),
    cjs: 'put-and-get.cjs',
    esm: 'put-and-get.mjs',
    destination: uniqueName,
    env,
    lowest: {
      library: '@aws-sdk/client-kinesis',
      folder: 'aws-kinesis',
      version: '3.363.0',
      variable: 'CLIENT_KINESIS_MODULE',
    },
    expectTracedRoundTrip,
    producerSpan: (stream) => `send ${stream}`,
  });

  it('reads its options from the environment: no injection into listed streams', async () => {
    const stream = uniqueName('register-lake');
    const result = await runFixture(join(__dirname, 'fixtures', 'put-and-get.cjs'), {
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
