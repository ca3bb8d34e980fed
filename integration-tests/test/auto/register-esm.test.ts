import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe('@msgtrace/auto/register through --import, in an ES module app', () => {
  const apps = withReceiver();

  it('traces the app with the SDK it starts', async () => {
    const queue = uniqueName('auto-esm');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.mjs'), {
      import: [AUTO],
      env: { QUEUE: queue },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(1);
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), {
      kind: SpanKind.CONSUMER,
      parent: publish,
    });
  });

  it("does the same through one broker package's ESM entry", async () => {
    const topic = uniqueName('auto-esm');
    const result = await apps.run(fixture('kafka/fixtures/send-and-consume.mjs'), {
      import: ['@msgtrace/instrumentation-kafkajs/register'],
      env: { TOPIC: topic },
    });
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(1);
    const send = onlySpan(result.spans, `send ${topic}`);
    assertSpan(onlySpan(result.spans, `process ${topic}`), { parent: send });
  });
});
