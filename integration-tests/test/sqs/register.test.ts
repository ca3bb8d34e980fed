import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  assertSpan,
  type FixtureResult,
  onlySpan,
  runFixture,
  spansNamed,
} from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { instrumentSqs, queueName } from '../../src/sqs';
import { lowestInstalled } from '../../src/versions';

const REGISTER = '@msgtrace/instrumentation-aws-sqs/register';
const fixture = (name: string) => join(__dirname, 'fixtures', name);
// Only for creating queues; this process's own spans are not looked at.
const { queue } = instrumentSqs();

function expectTracedRoundTrip(result: FixtureResult, url: string) {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    body: 'hello',
    attributes: ['app'],
    callerAttributes: ['app'],
  });
  const name = queueName(url);
  const send = onlySpan(result.spans, `send ${name}`);
  assertSpan(send, {
    kind: SpanKind.PRODUCER,
    attributes: { 'msgtrace.sqs.context_carrier': 'message-attributes' },
  });
  assertSpan(onlySpan(result.spans, `receive ${name}`), { links: [{ to: send }] });
  const process = onlySpan(result.spans, `process ${name}`);
  assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
  assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
}

describe('the SQS register entry, in a real Node process', () => {
  it('instruments a CommonJS app through --require', async () => {
    const url = await queue('register-cjs');
    const result = await runFixture(fixture('send-and-receive.cjs'), {
      require: [REGISTER],
      env: { QUEUE_URL: url },
    });
    expectTracedRoundTrip(result, url);
  });

  it('instruments an ES module app through --import, once even when also required', async () => {
    const url = await queue('register-esm');
    const result = await runFixture(fixture('send-and-receive.mjs'), {
      require: [REGISTER],
      import: [REGISTER],
      env: { QUEUE_URL: url },
    });
    expectTracedRoundTrip(result, url);
    expect(spansNamed(result.spans, `send ${queueName(url)}`)).toHaveLength(1);
  });

  it('instruments the lowest supported @aws-sdk/client-sqs, 3.363.0 (XML protocol), too', async () => {
    const lowest = lowestInstalled('@aws-sdk/client-sqs', 'aws-sqs');
    expect(lowest.version).toBe('3.363.0');
    const url = await queue('register-lowest');
    const result = await runFixture(fixture('send-and-receive.cjs'), {
      require: [REGISTER],
      env: { QUEUE_URL: url, CLIENT_SQS_MODULE: lowest.dir },
    });
    expectTracedRoundTrip(result, url);
  });

  it('gives sqs-consumer handlers process spans with no code change', async () => {
    const url = await queue('register-consumer');
    const name = queueName(url);
    const result = await runFixture(fixture('sqs-consumer.cjs'), {
      require: [REGISTER],
      env: { QUEUE_URL: url },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const send = onlySpan(result.spans, `send ${name}`);
    const process = onlySpan(result.spans, `process ${name}`);
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: send });
    assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
  });
});
