import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
// The built package, not the sources: the fixture runner preloads compiled JavaScript into plain
// Node processes, which is exactly what is under test here.
import { assertSpan, onlySpan, runFixture } from '../dist/cjs/index.js';

const fixture = (name: string) => join(__dirname, 'fixtures', name);

describe('runFixture', () => {
  it('returns the spans and metrics a CommonJS fixture produced, with their parentage', async () => {
    const result = await runFixture(fixture('nested-spans.cjs'));
    expect(result.code).toBe(0);
    const parent = onlySpan(result.spans, 'parent');
    assertSpan(parent, { kind: SpanKind.INTERNAL, parent: null });
    assertSpan(onlySpan(result.spans, 'child'), { parent });
    const runs = result.metrics.find((m) => m.name === 'fixture.runs');
    expect(runs?.dataPoints).toEqual([{ attributes: { kind: 'cjs' }, value: 1 }]);
  });

  it('keeps spans that ended before the fixture called process.exit', async () => {
    const result = await runFixture(fixture('nested-spans.cjs'), { args: ['3'] });
    expect(result.code).toBe(3);
    expect(result.spans.map((s) => s.name)).toEqual(['child', 'parent']);
  });

  it('sees spans made by an ES module fixture', async () => {
    const result = await runFixture(fixture('esm-span.mjs'));
    expect(result.code).toBe(0);
    assertSpan(onlySpan(result.spans, 'from-esm'), { attributes: { esm: true } });
  });

  it('honours the sampler it is given', async () => {
    const result = await runFixture(fixture('nested-spans.cjs'), { sampler: 'always_off' });
    expect(result.code).toBe(0);
    expect(result.spans).toEqual([]);
  });

  it('rejects when the fixture outlives its timeout', async () => {
    await expect(
      runFixture(fixture('nested-spans.cjs'), {
        timeoutMs: 200,
        require: [fixture('hang.cjs')],
      }),
    ).rejects.toThrow(/timed out/);
  });
});
