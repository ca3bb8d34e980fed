import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assertSpan, type FixtureResult, onlySpan, runFixture } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';
import { instrumentSqs, queueName } from '../../src/sqs';

const REGISTER = '@msgtrace/instrumentation-aws-sqs/register';
const fixtures = join(__dirname, 'fixtures');
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
  itInstrumentsThroughTheRegisterEntry({
    entry: REGISTER,
    fixtures,
    cjs: 'send-and-receive.cjs',
    esm: 'send-and-receive.mjs',
    destination: queue,
    env: (url, extra) => ({ QUEUE_URL: url, ...extra }),
    lowest: {
      library: '@aws-sdk/client-sqs',
      folder: 'aws-sqs',
      version: '3.363.0',
      variable: 'CLIENT_SQS_MODULE',
    },
    expectTracedRoundTrip,
    producerSpan: (url) => `send ${queueName(url)}`,
  });

  it('gives sqs-consumer handlers process spans with no code change', async () => {
    const url = await queue('register-consumer');
    const name = queueName(url);
    const result = await runFixture(join(fixtures, 'sqs-consumer.cjs'), {
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
