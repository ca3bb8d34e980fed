import { describe, expect, it } from '@jest/globals';
// Test-time only: the runtime never imports the incubating entry point.
import * as upstream from '@opentelemetry/semantic-conventions/incubating';
import * as ours from '../src/semconv';

describe('semconv.ts', () => {
  it('spells every attribute, value and metric like the v1.44 conventions', () => {
    const checked: string[] = [];
    for (const [name, value] of Object.entries(ours)) {
      if (!/^(ATTR|METRIC)_/.test(name) || name.startsWith('METRIC_MSGTRACE')) continue;
      expect([name, value]).toEqual([name, (upstream as Record<string, unknown>)[name]]);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('uses the conventions’ messaging.system values and operation types', () => {
    expect(ours.MESSAGING_SYSTEM_KAFKA).toBe(upstream.MESSAGING_SYSTEM_VALUE_KAFKA);
    expect(ours.MESSAGING_SYSTEM_RABBITMQ).toBe(upstream.MESSAGING_SYSTEM_VALUE_RABBITMQ);
    expect(ours.MESSAGING_SYSTEM_AWS_SQS).toBe(upstream.MESSAGING_SYSTEM_VALUE_AWS_SQS);
    expect(Object.values(ours.MESSAGING_OPERATION_TYPE).sort()).toEqual(
      [
        upstream.MESSAGING_OPERATION_TYPE_VALUE_CREATE,
        upstream.MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
        upstream.MESSAGING_OPERATION_TYPE_VALUE_RECEIVE,
        upstream.MESSAGING_OPERATION_TYPE_VALUE_SEND,
        upstream.MESSAGING_OPERATION_TYPE_VALUE_SETTLE,
      ].sort(),
    );
  });

  it('keeps bucket boundaries sorted and positive', () => {
    for (const buckets of [ours.DURATION_BUCKETS_SECONDS, ours.MESSAGE_AGE_BUCKETS_SECONDS]) {
      expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
      expect(buckets.every((b) => b > 0)).toBe(true);
    }
  });
});
