import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';
import { instrumentSqs, queueName } from '../../src/sqs';

// Only for creating queues; this process's own spans are not looked at.
const { queue } = instrumentSqs();

/** Attribute names of the v1.44 conventions that v1.45 replaced, found on any span or link. */
const v144Names = (
  spans: {
    attributes: Record<string, unknown>;
    links: { attributes?: Record<string, unknown> }[];
  }[],
) =>
  spans
    .flatMap((s) => [s.attributes, ...s.links.map((l) => l.attributes ?? {})])
    .flatMap((a) => Object.keys(a))
    .filter(
      (name) =>
        name === 'messaging.system' ||
        name.startsWith('messaging.kafka.') ||
        name.startsWith('messaging.rabbitmq.'),
    );

describe('OTEL_SEMCONV_STABILITY_OPT_IN through the register entry, in real processes', () => {
  const apps = withReceiver();

  it('messaging: the v1.45 names only, on Kafka, RabbitMQ, SQS and Kinesis spans', async () => {
    const env = { OTEL_SEMCONV_STABILITY_OPT_IN: 'http,messaging' };
    const topic = uniqueName('auto-semconv');
    const kafka = await apps.run(fixture('kafka/fixtures/send-and-consume.cjs'), {
      require: [AUTO],
      env: { ...env, TOPIC: topic },
    });
    expect(kafka.code).toBe(0);
    assertSpan(onlySpan(kafka.spans, `send ${topic}`), {
      attributes: { 'messaging.system.name': 'kafka', 'kafka.offset': 0 },
    });
    assertSpan(onlySpan(kafka.spans, `process ${topic}`), {
      attributes: { 'messaging.system.name': 'kafka', 'kafka.offset': 0 },
    });

    const rabbitQueue = uniqueName('auto-semconv');
    const rabbit = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { ...env, QUEUE: rabbitQueue },
    });
    expect(rabbit.code).toBe(0);
    assertSpan(onlySpan(rabbit.spans, `publish ${rabbitQueue}`), {
      attributes: {
        'messaging.system.name': 'rabbitmq',
        'rabbitmq.destination.routing_key': rabbitQueue,
      },
    });
    assertSpan(onlySpan(rabbit.spans, `process ${rabbitQueue}`), {
      attributes: { 'rabbitmq.message.delivery_tag': 1 },
    });

    const url = await queue('auto-semconv');
    const sqs = await apps.run(fixture('sqs/fixtures/send-and-receive.cjs'), {
      require: [AUTO],
      env: { ...env, QUEUE_URL: url },
    });
    expect(sqs.code).toBe(0);
    const send = onlySpan(sqs.spans, `send ${queueName(url)}`);
    assertSpan(send, { attributes: { 'messaging.system.name': 'aws.sqs' } });
    assertSpan(onlySpan(sqs.spans, `receive ${queueName(url)}`), {
      attributes: { 'messaging.system.name': 'aws.sqs' },
      links: [{ to: send }],
    });

    const stream = uniqueName('auto-semconv');
    const kinesis = await apps.run(fixture('kinesis/fixtures/put-and-get.cjs'), {
      require: [AUTO],
      env: {
        ...env,
        STREAM: stream,
        BODY: '{"order":1}',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    expect(kinesis.code).toBe(0);
    assertSpan(onlySpan(kinesis.spans, `process ${stream}`), {
      attributes: { 'messaging.system.name': 'aws.kinesis' },
    });
    expect(v144Names(kinesis.spans)).toEqual([]);
  });

  it('messaging/dup: both names, each with its own system value', async () => {
    const url = await queue('auto-semconv-dup');
    const sqs = await apps.run(fixture('sqs/fixtures/send-and-receive.cjs'), {
      require: [AUTO],
      env: { OTEL_SEMCONV_STABILITY_OPT_IN: 'messaging/dup', QUEUE_URL: url },
    });
    expect(sqs.code).toBe(0);
    assertSpan(onlySpan(sqs.spans, `process ${queueName(url)}`), {
      attributes: { 'messaging.system': 'aws_sqs', 'messaging.system.name': 'aws.sqs' },
    });

    const queueOfRabbit = uniqueName('auto-semconv-dup');
    const before = apps.receiver().spans().length;
    const rabbit = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { OTEL_SEMCONV_STABILITY_OPT_IN: 'messaging/dup', QUEUE: queueOfRabbit },
    });
    assertSpan(onlySpan(rabbit.spans.slice(before), `process ${queueOfRabbit}`), {
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.system.name': 'rabbitmq',
        'messaging.rabbitmq.message.delivery_tag': 1,
        'rabbitmq.message.delivery_tag': 1,
      },
    });
  });

  it('absent: the v1.44 names only, as before', async () => {
    const queueOfRabbit = uniqueName('auto-semconv-none');
    const rabbit = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { QUEUE: queueOfRabbit },
    });
    const process = onlySpan(rabbit.spans, `process ${queueOfRabbit}`);
    assertSpan(process, {
      attributes: { 'messaging.system': 'rabbitmq', 'messaging.rabbitmq.message.delivery_tag': 1 },
    });
    expect(Object.keys(process.attributes).filter((k) => k.startsWith('rabbitmq.'))).toEqual([]);
    expect(process.attributes).not.toHaveProperty(['messaging.system.name']);
  });
});
