import { describe, expect, it } from '@jest/globals';
import type { ReceivedMetricPoint } from '@msgtrace/test-utils';
import { pathwayRows, quantile, renderPathways } from '../src/pathways';

const point = (
  serviceName: string,
  name: string,
  attributes: Record<string, string | number>,
  value: ReceivedMetricPoint['value'],
): ReceivedMetricPoint => ({ serviceName, name, unit: '', attributes, value, timeUnixNano: 1n });

const histogram = (counts: number[], sum: number) => ({
  count: counts.reduce((a, b) => a + b, 0),
  sum,
  boundaries: [0.1, 1, 10],
  counts,
});

describe('pathway table', () => {
  it('interpolates quantiles inside their bucket', () => {
    expect(quantile(histogram([0, 2, 0, 0], 1), 0.5)).toBeCloseTo(0.55);
    expect(quantile(histogram([1, 0, 0, 1], 20), 0.99)).toBe(10);
    expect(quantile(histogram([0, 0, 0, 0], 0), 0.5)).toBeUndefined();
  });

  it('joins edges into paths, counts both ends and shows a hop that swallows messages', () => {
    const rows = pathwayRows([
      point(
        'a',
        'msgtrace.pathway.produced',
        {
          'msgtrace.pathway.id': 'p1',
          'msgtrace.pathway.hops': 1,
          'messaging.destination.name': 't1',
        },
        3,
      ),
      point(
        'b',
        'msgtrace.pathway.consumed',
        {
          'msgtrace.pathway.id': 'p1',
          'msgtrace.pathway.hops': 1,
          'messaging.destination.name': 't1',
        },
        3,
      ),
      point(
        'b',
        'msgtrace.pathway.latency',
        { 'msgtrace.pathway.id': 'p1' },
        histogram([3, 0, 0, 0], 0.15),
      ),
      point(
        'b',
        'msgtrace.pathway.produced',
        {
          'msgtrace.pathway.id': 'p2',
          'msgtrace.pathway.parent.id': 'p1',
          'msgtrace.pathway.hops': 2,
          'messaging.destination.name': 'q',
        },
        3,
      ),
      point(
        'c',
        'msgtrace.pathway.consumed',
        {
          'msgtrace.pathway.id': 'p2',
          'msgtrace.pathway.hops': 2,
          'messaging.destination.name': 'q',
        },
        1,
      ),
      point('x', 'messaging.client.sent.messages', {}, 9),
    ]);
    expect(rows.map((r) => [r.id, r.hops, r.produced, r.consumed, r.path])).toEqual([
      ['p1', 1, 3, 3, 'a ─t1─▶ b'],
      ['p2', 2, 3, 1, 'a ─t1─▶ b ─q─▶ c'],
    ]);
    expect(rows[0]?.mean).toBeCloseTo(0.05);
    const lines = renderPathways(rows);
    expect(lines[1]).toMatch(/^pathway +hops +produced +consumed +mean e2e/);
    expect(lines[3]).toContain('a ─t1─▶ b ─q─▶ c');
    expect(renderPathways([])).toEqual([
      'pathways: no msgtrace.pathway.* metrics received (is MSGTRACE_PIPELINES=true set?)',
    ]);
  });
});
