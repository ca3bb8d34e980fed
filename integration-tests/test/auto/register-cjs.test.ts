import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { SpanKind } from '@opentelemetry/api';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe('@msgtrace/auto/register through --require, with the real SDK exporting over OTLP', () => {
  const apps = withReceiver();

  it('traces a RabbitMQ app and a Kafka app with no code change', async () => {
    const queue = uniqueName('auto-cjs');
    const rabbit = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { QUEUE: queue, OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test' },
    });
    expect(rabbit.stderr).toBe('');
    expect(rabbit.code).toBe(0);
    expect(rabbit.sdkStarts).toBe(1);
    const publish = onlySpan(rabbit.spans, `publish ${queue}`);
    expect(rabbit.spans.every((span) => span.serviceName === 'fixture-app')).toBe(true);
    const process = onlySpan(rabbit.spans, `process ${queue}`);
    assertSpan(process, { kind: SpanKind.CONSUMER, parent: publish });
    assertSpan(onlySpan(rabbit.spans, 'handler work'), { parent: process });

    const topic = uniqueName('auto-cjs');
    const kafka = await apps.run(fixture('kafka/fixtures/send-and-consume.cjs'), {
      require: [AUTO],
      env: { TOPIC: topic },
    });
    expect(kafka.code).toBe(0);
    const send = onlySpan(kafka.spans, `send ${topic}`);
    assertSpan(onlySpan(kafka.spans, `process ${topic}`), { parent: send });
  });

  it("starts the SDK from one broker package's own register entry too", async () => {
    const queue = uniqueName('auto-one-cjs');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: ['@msgtrace/instrumentation-amqplib/register'],
      env: { QUEUE: queue },
    });
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(1);
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), { parent: publish });
  });
});
