import { describe, expect, it } from '@jest/globals';
import { withoutLibraryWarnings } from '@msgtrace/test-utils';
import { runDemo } from '../../src/demo';
import { assertPathways, assertPipeline, ORDERS } from '../../src/demo-pipeline';

describe('the demo pipeline with --kafka-client confluent', () => {
  it('traces the Kafka hop through the Confluent client exactly as through kafkajs', async () => {
    const { result, demo } = await runDemo(ORDERS, {}, ['--kafka-client', 'confluent']);
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(Kafka through confluent)');
    expect(demo.services.every((s) => s.code === 0)).toBe(true);
    assertPipeline(demo);
    assertPathways(demo);
  });
});
