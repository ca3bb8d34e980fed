import { describe, expect, it } from '@jest/globals';
import { withoutLibraryWarnings } from '@msgtrace/test-utils';
import { runDemo } from '../../src/demo';
import { assertPathways, assertPipeline, ORDERS } from '../../src/demo-pipeline';

describe('the demo pipeline, end to end', () => {
  it('traces every hop: child spans along the order flow, links for batches, pulls and the audit stream', async () => {
    const { result, demo } = await runDemo(ORDERS);
    expect(withoutLibraryWarnings(result.stderr)).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('↖ links to checkout: send');
    expect(result.stdout).toContain('↘ linked from auditor: process');
    expect(demo.services.map((s) => [s.name, s.code])).toEqual([
      ['fraud', 0],
      ['payments', 0],
      ['notifier', 0],
      ['auditor', 0],
      ['checkout', 0],
    ]);
    assertPipeline(demo);
    assertPathways(demo);
  });
});
