import { describe, expect, it } from '@jest/globals';
import { spansNamed, uniqueName } from '@msgtrace/test-utils';
import { AUTO, brokerSpans, fixture, withReceiver } from '../../src/auto';
import { instrumentSqs, queueName } from '../../src/sqs';

// Only for creating queues; this process's own spans are not looked at.
const { queue } = instrumentSqs();
const rabbitApp = fixture('rabbitmq/fixtures/publish-and-consume.cjs');
const sqsApp = fixture('sqs/fixtures/send-and-receive.cjs');
const kinesisApp = fixture('kinesis/fixtures/put-and-get.cjs');
const kinesisEnv = (stream: string) => ({
  STREAM: stream,
  BODY: '{"order":1}',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});

/** The msgtrace warnings about list names in a run's console output. */
const nameWarnings = (output: string) =>
  output.split('\n').filter((line) => line.includes('which is no instrumentation we know'));

describe("contrib's instrumentation names in the OTEL_NODE_* lists", () => {
  const apps = withReceiver();

  it('an enabled list written for contrib (kafkajs,amqplib,aws-sdk) keeps SQS and Kinesis on', async () => {
    const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'kafkajs,amqplib,aws-sdk' };
    const url = await queue('auto-contrib-sqs');
    const sqs = await apps.run(sqsApp, { require: [AUTO], env: { ...env, QUEUE_URL: url } });
    expect(sqs.code).toBe(0);
    expect(spansNamed(sqs.spans, `send ${queueName(url)}`)).toHaveLength(1);
    expect(spansNamed(sqs.spans, `process ${queueName(url)}`)).toHaveLength(1);

    const stream = uniqueName('auto-contrib-kinesis');
    const before = apps.receiver().spans().length;
    const kinesis = await apps.run(kinesisApp, {
      require: [AUTO],
      env: { ...env, ...kinesisEnv(stream) },
    });
    expect(kinesis.code).toBe(0);
    expect(spansNamed(kinesis.spans.slice(before), `send ${stream}`)).toHaveLength(1);
    expect(nameWarnings(sqs.stderr + sqs.stdout + kinesis.stderr)).toEqual([]);
  });

  it('aws-sdk and package names in the disabled list turn ours off', async () => {
    const url = await queue('auto-contrib-off');
    const sqs = await apps.run(sqsApp, {
      require: [AUTO],
      env: { QUEUE_URL: url, OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'http,aws-sdk' },
    });
    expect(sqs.code).toBe(0);
    expect(spansNamed(sqs.spans, 'handler work')).toHaveLength(1);
    expect(brokerSpans(sqs.spans)).toEqual([]);

    for (const name of [
      '@opentelemetry/instrumentation-amqplib',
      '@msgtrace/instrumentation-amqplib',
    ]) {
      const before = apps.receiver().spans().length;
      const rabbit = await apps.run(rabbitApp, {
        require: [AUTO],
        env: { QUEUE: uniqueName('auto-contrib-off'), OTEL_NODE_DISABLED_INSTRUMENTATIONS: name },
      });
      expect(rabbit.code).toBe(0);
      const spans = rabbit.spans.slice(before);
      expect(spansNamed(spans, 'handler work')).toHaveLength(1);
      expect(brokerSpans(spans)).toEqual([]);
    }
  });

  it("warns once about a name nobody knows, naming ours, and not about contrib's other names", async () => {
    const queueName = uniqueName('auto-contrib-typo');
    const result = await apps.run(rabbitApp, {
      require: [AUTO],
      env: {
        QUEUE: queueName,
        OTEL_LOG_LEVEL: 'warn',
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,kafka,@opentelemetry/instrumentation-amqplib',
      },
    });
    expect(result.code).toBe(0);
    expect(spansNamed(result.spans, `publish ${queueName}`)).toHaveLength(1);
    const warnings = nameWarnings(result.stderr + result.stdout);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('OTEL_NODE_ENABLED_INSTRUMENTATIONS names "kafka"');
    for (const known of ['kafkajs', 'aws-sqs', 'amqplib', 'aws-kinesis', 'aws-sdk']) {
      expect(warnings[0]).toContain(known);
    }
  });
});
