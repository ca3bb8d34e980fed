import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { fixture, withReceiver } from '../../src/auto';
import { APP_SDK, installableLines, ONE_API } from '../../src/sdk-lines';

describe.each(installableLines())("an app's own OpenTelemetry JS %s.x SDK", (line) => {
  const apps = withReceiver();

  it("gets the instrumentation class's spans: publish, process its child, the handler's work inside", async () => {
    const queue = uniqueName(`otel${line}-app-sdk`);
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      preload: [ONE_API, APP_SDK],
      env: { QUEUE: queue, OTEL_LINE: line },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The app's SDK, not one of msgtrace's: nothing was bootstrapped.
    expect(result.sdkStarts).toBe(0);
    expect(result.spans.length).toBeGreaterThanOrEqual(3);
    for (const span of result.spans) expect(span.sdkVersion.split('.')[0]).toBe(line);
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(publish, { kind: SpanKind.PRODUCER, parent: null });
    expect(publish.instrumentationScope).toBe('@msgtrace/instrumentation-amqplib');
    const process = onlySpan(result.spans, `process ${queue}`);
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: publish });
    assertSpan(onlySpan(result.spans, 'handler work'), { parent: process });
    const seen = JSON.parse(result.stdout) as { value: string; callerHeaders: string[] };
    expect(seen.value).toBe('hello');
    expect(seen.callerHeaders).toEqual(['app']);
  });
});
