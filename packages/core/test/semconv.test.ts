import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
// Test-time only: the runtime never imports the incubating entry point.
import * as v144 from '@opentelemetry/semantic-conventions/incubating';
import * as v145 from '@opentelemetry/semantic-conventions-1.45/incubating';
import * as ours from '../src/semconv';

const upstream144 = v144 as Record<string, unknown>;
const upstream145 = v145 as Record<string, unknown>;

/** `declare const NAME: "value"` → the `Replaced by` of its `@deprecated` tag, from v1.45's types. */
function replacementsIn145(): Map<string, string> {
  const dist = dirname(require.resolve('@opentelemetry/semantic-conventions-1.45/incubating'));
  const types = readdirSync(dist)
    .filter((file) => file.endsWith('.d.cts'))
    .map((file) => readFileSync(join(dist, file), 'utf8'))
    .join('\n');
  const replaced = new Map<string, string>();
  const doc = /\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*declare const \w+: "([^"]+)"/g;
  for (const [, comment, value] of types.matchAll(doc)) {
    const by = /@deprecated Replaced by `([^`]+)`/.exec(comment ?? '');
    if (by?.[1] && value) replaced.set(value, by[1]);
  }
  return replaced;
}

const v144Names = Object.values(ours.MESSAGING_NAMES_V1_44).filter((v) => typeof v === 'string');
const v145Names = Object.values(ours.MESSAGING_NAMES_V1_45).filter((v) => typeof v === 'string');

describe('semconv.ts', () => {
  it('spells every attribute, value and metric like the conventions that define it', () => {
    const checked: string[] = [];
    for (const [name, value] of Object.entries(ours)) {
      if (!/^(ATTR|METRIC)_/.test(name) || name.startsWith('METRIC_MSGTRACE')) continue;
      // The v1.45-only names are checked against v1.45, everything else against v1.44.
      const upstream =
        v145Names.includes(value as string) && !v144Names.includes(value as string)
          ? upstream145
          : upstream144;
      expect([name, value]).toEqual([name, upstream[name]]);
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThan(35);
  });

  it('uses the conventions’ messaging.system values and operation types', () => {
    expect(ours.MESSAGING_SYSTEM_KAFKA).toBe(v144.MESSAGING_SYSTEM_VALUE_KAFKA);
    expect(ours.MESSAGING_SYSTEM_RABBITMQ).toBe(v144.MESSAGING_SYSTEM_VALUE_RABBITMQ);
    expect(ours.MESSAGING_SYSTEM_AWS_SQS).toBe(v144.MESSAGING_SYSTEM_VALUE_AWS_SQS);
    expect(Object.values(ours.MESSAGING_OPERATION_TYPE).sort()).toEqual(
      [
        v144.MESSAGING_OPERATION_TYPE_VALUE_CREATE,
        v144.MESSAGING_OPERATION_TYPE_VALUE_PROCESS,
        v144.MESSAGING_OPERATION_TYPE_VALUE_RECEIVE,
        v144.MESSAGING_OPERATION_TYPE_VALUE_SEND,
        v144.MESSAGING_OPERATION_TYPE_VALUE_SETTLE,
      ].sort(),
    );
  });

  it('has v1.44 names that v1.44 defines and v1.45 names that v1.45 defines, not deprecated', () => {
    const defined144 = new Set(Object.values(upstream144));
    const defined145 = new Set(Object.values(upstream145));
    const replaced = replacementsIn145();
    for (const name of v144Names) expect([name, defined144.has(name)]).toEqual([name, true]);
    for (const name of v145Names) {
      expect([name, defined145.has(name), replaced.get(name)]).toEqual([name, true, undefined]);
    }
  });

  it('renames every attribute msgtrace emits that v1.45 replaced, to its replacement', () => {
    const replaced = replacementsIn145();
    const renames = new Map<string, string>();
    for (const key of Object.keys(ours.MESSAGING_NAMES_V1_44) as (keyof ours.MessagingNames)[]) {
      const before = ours.MESSAGING_NAMES_V1_44[key];
      if (typeof before === 'string')
        renames.set(before, ours.MESSAGING_NAMES_V1_45[key] as string);
    }
    const emitted = Object.entries(ours)
      .filter(([name]) => name.startsWith('ATTR_'))
      .map(([, value]) => value as string)
      .filter((value) => !v145Names.includes(value) || v144Names.includes(value));
    const deprecated = emitted.filter((value) => replaced.has(value));
    // messaging.system, the Kafka and the RabbitMQ attributes, at least.
    expect(deprecated.length).toBeGreaterThanOrEqual(7);
    for (const value of deprecated) {
      expect([value, renames.get(value)]).toEqual([value, replaced.get(value)]);
    }
  });

  it('maps each system to its v1.45 messaging.system.name value', () => {
    expect(ours.MESSAGING_NAMES_V1_45.systemValues).toEqual({
      kafka: v145.MESSAGING_SYSTEM_NAME_VALUE_KAFKA,
      rabbitmq: v145.MESSAGING_SYSTEM_NAME_VALUE_RABBITMQ,
      aws_sqs: v145.MESSAGING_SYSTEM_NAME_VALUE_AWS_SQS,
      // Not in the conventions: spelled like v1.45's other AWS values.
      aws_kinesis: 'aws.kinesis',
    });
    expect(ours.MESSAGING_NAMES_V1_44.systemValues).toEqual({
      kafka: v144.MESSAGING_SYSTEM_VALUE_KAFKA,
      rabbitmq: v144.MESSAGING_SYSTEM_VALUE_RABBITMQ,
      aws_sqs: v144.MESSAGING_SYSTEM_VALUE_AWS_SQS,
      aws_kinesis: 'aws_kinesis',
    });
  });

  it('keeps the metric names, which v1.45 did not change', () => {
    for (const [name, value] of Object.entries(ours)) {
      if (!name.startsWith('METRIC_') || name.startsWith('METRIC_MSGTRACE')) continue;
      expect([name, value]).toEqual([name, upstream145[name]]);
    }
  });

  it('keeps bucket boundaries sorted and positive', () => {
    for (const buckets of [ours.DURATION_BUCKETS_SECONDS, ours.MESSAGE_AGE_BUCKETS_SECONDS]) {
      expect([...buckets].sort((a, b) => a - b)).toEqual(buckets);
      expect(buckets.every((b) => b > 0)).toBe(true);
    }
  });
});
