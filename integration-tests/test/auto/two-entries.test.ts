import { describe, expect, it } from '@jest/globals';
import { spansNamed, uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe('several register entries in one process', () => {
  const apps = withReceiver();

  it('start one SDK and patch once: exactly one span per operation', async () => {
    const queue = uniqueName('auto-twice');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.mjs'), {
      require: [AUTO, '@msgtrace/instrumentation-amqplib/register'],
      import: [AUTO, '@msgtrace/instrumentation-kafkajs/register'],
      env: { QUEUE: queue, OTEL_LOG_LEVEL: 'warn' },
    });
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(1);
    // A second SDK would be refused by the API with a diag error about duplicate registration.
    expect(result.stderr).not.toMatch(/duplicate/i);
    expect(spansNamed(result.spans, `publish ${queue}`)).toHaveLength(1);
    expect(spansNamed(result.spans, `process ${queue}`)).toHaveLength(1);
    expect(new Set(result.spans.map((s) => s.spanId)).size).toBe(result.spans.length);
  });
});
