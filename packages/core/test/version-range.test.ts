import { describe, expect, it } from '@jest/globals';
import { satisfiesRange } from '../src/version-range';

describe('satisfiesRange', () => {
  it.each([
    ['2.0.0', '>=2.0.0 <3', true],
    ['2.2.4', '>=2.0.0 <3', true],
    ['3.0.0', '>=2.0.0 <3', false],
    ['1.9.9', '>=2.0.0 <3', false],
    ['3.0.0-beta.1', '<3', true],
    ['3.0.0-beta.1', '>=3.0.0', false],
    ['0.10.9', '>=0.10.0 <3 || >=5', true],
    ['5.1.0', '>=0.10.0 <3 || >=5', true],
    ['4.0.0', '>=0.10.0 <3 || >=5', false],
    ['1.2.3', '=1.2.3', true],
    ['1.2.3', '1.2.3', true],
    ['1.2.3', '>1.2.3', false],
    ['1.2.3', '<=1.2.3', true],
    ['v2.1', '>=2.0.0', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfiesRange(version, range)).toBe(expected);
  });

  it('rejects what it cannot read', () => {
    for (const [version, range] of [
      ['not a version', '>=1'],
      ['1.0.0', ''],
      ['1.0.0', '~1.0.0'],
      ['1.0.0', '>=x'],
    ]) {
      expect(satisfiesRange(version as string, range as string)).toBe(false);
    }
  });
});
