import { afterAll, describe, expect, it } from '@jest/globals';
import { type PlainHistogram, type PlainMetric, setupTestTelemetry } from '@msgtrace/test-utils';
import { metrics } from '@opentelemetry/api';
import { MessagingMetrics, metricAttributes, metricAttributesOf } from '../src/metrics';
import { DURATION_BUCKETS_SECONDS, MESSAGE_AGE_BUCKETS_SECONDS } from '../src/semconv';

const telemetry = setupTestTelemetry();
afterAll(() => telemetry.shutdown());

const attributes = {
  'messaging.system': 'kafka',
  'messaging.operation.name': 'send',
  'messaging.operation.type': 'send',
  'messaging.destination.name': 'orders',
  'messaging.message.id': 'high-cardinality',
  'messaging.kafka.offset': 42,
};

function firstHistogram(metric: PlainMetric | undefined): PlainHistogram {
  const value = metric?.dataPoints[0]?.value;
  if (typeof value !== 'object') throw new Error(`no histogram point in ${metric?.name}`);
  return value;
}

describe('MessagingMetrics', () => {
  it('records the four conventional metrics and message age with units and bucket advice', async () => {
    const recorder = new MessagingMetrics(metrics.getMeter('core-test'));
    const kept = metricAttributes(attributes);
    recorder.recordSent(3, kept);
    recorder.recordSent(0, kept);
    recorder.recordConsumed(2, kept);
    recorder.recordOperationDuration(0.02, kept);
    recorder.recordProcessDuration(0.3, { ...kept, 'error.type': 'TypeError' });
    recorder.recordMessageAge(1_000, kept, 6_000);
    recorder.recordMessageAge(9_000, kept, 6_000); // clock skew: dropped
    recorder.recordMessageAge(undefined, kept);
    recorder.recordMessageAge(Number.NaN, kept);

    const byName = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    expect(byName.get('messaging.client.sent.messages')).toMatchObject({
      unit: '{message}',
      type: 'sum',
      dataPoints: [{ attributes: kept, value: 3 }],
    });
    expect(byName.get('messaging.client.consumed.messages')?.dataPoints).toEqual([
      { attributes: kept, value: 2 },
    ]);
    const duration = byName.get('messaging.client.operation.duration');
    expect(duration).toMatchObject({ unit: 's', type: 'histogram' });
    expect(firstHistogram(duration).boundaries).toEqual(DURATION_BUCKETS_SECONDS);
    const process = byName.get('messaging.process.duration');
    expect(process?.dataPoints[0]?.attributes).toEqual({ ...kept, 'error.type': 'TypeError' });
    const histogram = firstHistogram(byName.get('msgtrace.messaging.message.age'));
    expect(histogram.boundaries).toEqual(MESSAGE_AGE_BUCKETS_SECONDS);
    expect([histogram.count, histogram.sum]).toEqual([1, 5]);
  });
});

describe('metricAttributesOf', () => {
  it('builds an operation’s metric attributes, with error.type on failure', () => {
    const operation = {
      system: 'kafka',
      type: 'process',
      name: 'process',
      destination: 'orders',
      attributes: { 'messaging.kafka.offset': 3, 'messaging.consumer.group.name': 'g' },
    } as const;
    expect(metricAttributesOf(operation, new RangeError('x'))).toEqual({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': 'orders',
      'messaging.consumer.group.name': 'g',
      'error.type': 'RangeError',
    });
  });

  it('takes the partition from the recorded attributes, and nothing else of them', () => {
    const operation = {
      system: 'kafka',
      type: 'process',
      name: 'process',
      destination: 'orders',
      recordedAttributes: {
        'messaging.destination.partition.id': '3',
        'messaging.kafka.offset': 9,
        'messaging.message.id': 'm',
      },
    } as const;
    expect(metricAttributesOf(operation)).toEqual({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.destination.name': 'orders',
      'messaging.destination.partition.id': '3',
    });
  });
});

describe('metricAttributes', () => {
  it('keeps only what the conventions allow on metrics', () => {
    expect(
      metricAttributes({
        ...attributes,
        'server.address': 'broker',
        'server.port': 9092,
        'messaging.consumer.group.name': 'g',
        'messaging.destination.partition.id': '1',
      }),
    ).toEqual({
      'messaging.system': 'kafka',
      'messaging.operation.name': 'send',
      'messaging.operation.type': 'send',
      'messaging.destination.name': 'orders',
      'server.address': 'broker',
      'server.port': 9092,
      'messaging.consumer.group.name': 'g',
      'messaging.destination.partition.id': '1',
    });
  });
});

describe('MessagingMetrics.enabled', () => {
  it('is false for the API’s no-op meter, true for an SDK meter', async () => {
    const { createNoopMeter } = await import('@opentelemetry/api');
    expect(new MessagingMetrics(createNoopMeter()).enabled).toBe(false);
    expect(new MessagingMetrics(metrics.getMeter('sdk')).enabled).toBe(true);
  });
});
