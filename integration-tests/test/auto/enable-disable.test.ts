import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, spansNamed, uniqueName } from '@msgtrace/test-utils';
import { AUTO, brokerSpans, fixture, withReceiver } from '../../src/auto';

const app = fixture('rabbitmq/fixtures/publish-and-consume.cjs');

describe('switching instrumentations and modes through the environment', () => {
  const apps = withReceiver();

  it('OTEL_NODE_DISABLED_INSTRUMENTATIONS and OTEL_NODE_ENABLED_INSTRUMENTATIONS leave a broker alone', async () => {
    for (const env of [
      { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'amqplib' },
      { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'kafkajs,aws-sqs' },
      { MSGTRACE_AMQPLIB_ENABLED: 'false' },
    ]) {
      const queue = uniqueName('auto-off');
      const before = apps.receiver().spans().length;
      const result = await apps.run(app, { require: [AUTO], env: { QUEUE: queue, ...env } });
      expect(result.code).toBe(0);
      const spans = result.spans.slice(before);
      expect(brokerSpans(spans)).toEqual([]);
      expect(spansNamed(spans, 'handler work')).toHaveLength(1);
    }
  });

  it('MSGTRACE_<NAME>_ENABLED=true overrides the disabled list', async () => {
    const queue = uniqueName('auto-on');
    const result = await apps.run(app, {
      require: [AUTO],
      env: {
        QUEUE: queue,
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'amqplib',
        MSGTRACE_AMQPLIB_ENABLED: 'true',
      },
    });
    expect(spansNamed(result.spans, `publish ${queue}`)).toHaveLength(1);
  });

  it('MSGTRACE_LINK_DESTINATIONS makes that queue link instead of parent', async () => {
    const queue = uniqueName('auto-link');
    const result = await apps.run(app, {
      require: [AUTO],
      env: { QUEUE: queue, MSGTRACE_LINK_DESTINATIONS: queue },
    });
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), {
      parent: null,
      links: [{ to: publish }],
    });
  });
});
