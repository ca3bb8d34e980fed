import { describe, expect, it } from '@jest/globals';
import { TraceState } from '@opentelemetry/core';
import fc from 'fast-check';
import {
  encodeThreshold,
  randomnessOf,
  readOtSampling,
  withOtSampling,
} from '../src/sampling/ot-tracestate';
import { keptAt, thresholdFor } from '../src/sampling/threshold';

const TRACE_ID = '0123456789abcdef0123456789abcdef';

describe('the ot tracestate entry', () => {
  it('reads th (padded to 14 digits) and rv', () => {
    expect(readOtSampling(new TraceState('ot=th:c;rv:0123456789abcd,vendor=x'))).toEqual({
      threshold: 'c0000000000000',
      randomness: '0123456789abcd',
    });
  });

  it('treats malformed, oversized and hostile values as absent, never throwing', () => {
    const hostile = [
      'ot=rv:0123456789ABCD',
      'ot=rv:0123456789abc',
      'ot=rv:0123456789abcde',
      'ot=th:0123456789abcde',
      'ot=th:;rv:',
      'ot=;;;:::',
      'ot=th:g',
      `ot=x:${'a'.repeat(250)};rv:0123456789abcd`,
      'ot=th:-1;rv:-123456789abcd',
    ];
    for (const raw of hostile) expect(readOtSampling(new TraceState(raw))).toEqual({});
    expect(readOtSampling(undefined)).toEqual({});
    expect(readOtSampling(new TraceState('vendor=rv:0123456789abcd'))).toEqual({});
  });

  it('takes randomness from rv, else the trace id low 56 bits', () => {
    expect(randomnessOf(TRACE_ID, new TraceState('ot=rv:ffffffffffffff'))).toBe('ffffffffffffff');
    expect(randomnessOf(TRACE_ID, new TraceState('ot=rv:nope'))).toBe(
      '89abcdef0123456789abcdef'.slice(-14),
    );
    expect(randomnessOf(TRACE_ID.toUpperCase(), undefined)).toBe(
      'ef0123456789abcdef'.slice(-14).toLowerCase(),
    );
  });

  it("writes th and rv without touching other vendors' entries or other ot sub-keys", () => {
    const before = new TraceState(
      'congo=t61rcWkgMzE,ot=th:8;foo:bar;rv:00000000000001,rojo=00f067aa0ba902b7',
    );
    const after = withOtSampling(before, { randomness: 'abcdefabcdef12' });
    expect(after.serialize()).toBe(
      'ot=rv:abcdefabcdef12;foo:bar,congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
    );
    expect(before.serialize()).toBe(
      'congo=t61rcWkgMzE,ot=th:8;foo:bar;rv:00000000000001,rojo=00f067aa0ba902b7',
    );
    expect(
      withOtSampling(undefined, {
        threshold: 'c0000000000000',
        randomness: '0000000000000f',
      }).serialize(),
    ).toBe('ot=th:c;rv:0000000000000f');
    expect(withOtSampling(new TraceState('ot=th:8,a=b'), {}).serialize()).toBe('a=b');
  });

  it('drops garbage inside ot it would have to rewrite, keeping within 256 characters', () => {
    const long = `ot=${Array.from({ length: 28 }, (_, i) => `k${i}:vvvv`).join(';')}`;
    const value =
      withOtSampling(new TraceState(long), { randomness: '0123456789abcd' }).get('ot') ?? '';
    expect(value.length).toBeLessThanOrEqual(256);
    expect(value.startsWith('rv:0123456789abcd;k0:vvvv')).toBe(true);
    expect(withOtSampling(new TraceState('ot=:x;Bad:1;ok:1'), {}).get('ot')).toBe('ok:1');
  });

  it('never throws and never changes another entry, whatever the tracestate', () => {
    const member = fc.tuple(
      fc.stringMatching(/^[a-z][a-z0-9_\-*/]{0,12}$/),
      fc.string({ maxLength: 40, unit: 'binary-ascii' }),
    );
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 8 }),
        fc.option(fc.stringMatching(/^[0-9a-f]{14}$/)),
        (members, rv) => {
          const raw = members.map(([k, v]) => `${k}=${v}`).join(',');
          const state = new TraceState(raw);
          readOtSampling(state);
          const written = withOtSampling(state, rv ? { randomness: rv.toLowerCase() } : {});
          for (const [key] of members) {
            if (key === 'ot') continue;
            expect(written.get(key)).toBe(state.get(key));
          }
          if (rv) expect(readOtSampling(written).randomness).toBe(rv.toLowerCase());
        },
      ),
    );
  });
});

describe('thresholds', () => {
  it('maps probabilities to rejection thresholds', () => {
    expect(thresholdFor(1)).toBe('00000000000000');
    expect(thresholdFor(0.5)).toBe('80000000000000');
    expect(thresholdFor(0.25)).toBe('c0000000000000');
    expect(thresholdFor(0)).toBeUndefined();
    expect(encodeThreshold('c0000000000000')).toBe('c');
    expect(encodeThreshold('00000000000000')).toBe('0');
    expect(() => thresholdFor(1.5)).toThrow(RangeError);
    expect(() => thresholdFor(Number.NaN)).toThrow(RangeError);
  });

  it('keeps R >= T', () => {
    expect(keptAt('c0000000000000', 'c0000000000000')).toBe(true);
    expect(keptAt('bfffffffffffff', 'c0000000000000')).toBe(false);
    expect(keptAt('ffffffffffffff', undefined)).toBe(false);
    expect(keptAt('00000000000000', '00000000000000')).toBe(true);
  });
});
