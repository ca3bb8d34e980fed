import { afterAll, describe, expect, it } from '@jest/globals';
import { type PlainHistogram, type PlainMetric, setupTestTelemetry } from '@msgtrace/test-utils';
import { metrics } from '@opentelemetry/api';
import { MessagingMetrics, metricAttributes } from '../src/metrics';
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
    recorder.recordSent(3, attributes);
    recorder.recordSent(0, attributes);
    recorder.recordConsumed(2, attributes);
    recorder.recordOperationDuration(0.02, attributes);
    recorder.recordProcessDuration(0.3, { ...attributes, 'error.type': 'TypeError' });
    recorder.recordMessageAge(1_000, attributes, 6_000);
    recorder.recordMessageAge(9_000, attributes, 6_000); // clock skew: dropped
    recorder.recordMessageAge(undefined, attributes);
    recorder.recordMessageAge(Number.NaN, attributes);

    const byName = new Map((await telemetry.collectMetrics()).map((m) => [m.name, m]));
    const kept = {
      'messaging.system': 'kafka',
      'messaging.operation.name': 'send',
      'messaging.operation.type': 'send',
      'messaging.destination.name': 'orders',
    };
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
