import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { AUTO, brokerSpans, fixture, withReceiver } from '../../src/auto';

describe('variables that make no sense', () => {
  const apps = withReceiver();

  it('are ignored: defaults apply and the app is traced', async () => {
    const queue = uniqueName('auto-bad-vars');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: {
        QUEUE: queue,
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: 'lots',
        OTEL_BSP_SCHEDULE_DELAY: 'soon',
        OTEL_PROPAGATORS: 'tracecontext,nonsense',
        MSGTRACE_PROPAGATION_MODE: 'sideways',
        MSGTRACE_AMQPLIB_ENABLED: 'perhaps',
        MSGTRACE_SHUTDOWN_TIMEOUT_MS: 'later',
      },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: 'hello' });
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), { parent: publish });
  });

  it('never stop the app, even when they leave it with no SDK at all', async () => {
    const queue = uniqueName('auto-bad-exporter');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: {
        QUEUE: queue,
        OTEL_TRACES_EXPORTER: 'carrier-pigeon',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url at all',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'smoke-signals',
      },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ value: 'hello' });
    expect(brokerSpans(result.spans)).toEqual([]);
  });
});
