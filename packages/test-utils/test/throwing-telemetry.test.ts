import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
// The built package: the throwing processor lives in the preload that fixtures load compiled.
import { assertUnharmedByThrowingTelemetry, runUnderThrowingTelemetry } from '../dist/cjs/index.js';

const fixture = join(__dirname, 'fixtures', 'span-in-timer.cjs');

describe('runUnderThrowingTelemetry', () => {
  it('passes code that guards what it runs from a timer, and counts the processor’s throws', async () => {
    const runs = await runUnderThrowingTelemetry(fixture, () => ({}), { args: ['guarded'] });
    assertUnharmedByThrowingTelemetry(runs);
    expect(runs.bare.stdout).toBe('app done\n');
    expect(runs.onStart.processorThrows).toEqual({ onStart: 1, onEnd: 0 });
    expect(runs.onEnd.processorThrows).toEqual({ onStart: 0, onEnd: 1 });
    // The recording processor runs first: the onEnd run still recorded the span.
    expect(runs.onEnd.spans.map((span) => span.name)).toEqual(['from a timer']);
  });

  it('catches a throw that escapes from a timer into the host', async () => {
    const runs = await runUnderThrowingTelemetry(fixture, () => ({}));
    expect(runs.bare.hostExceptions).toEqual([]);
    expect(runs.onStart.hostExceptions).toEqual([
      expect.stringMatching(/^host uncaughtException: Error: span processor onStart failed/),
    ]);
    expect(runs.onStart.code).toBe(1);
    expect(() => assertUnharmedByThrowingTelemetry(runs)).toThrow(/onStart run/);
  });
});
