import { describe, expect, it } from '@jest/globals';
import { withoutLibraryWarnings } from '../src/library-warnings';

const kafkajsWarning = (pid: number) =>
  `(node:${pid}) TimeoutNegativeWarning: -1796012867384 is a negative number.\nTimeout duration was set to 1.\n`;
const hint = '(Use `node --trace-warnings ...` to show where the warning was created)\n';

describe('withoutLibraryWarnings', () => {
  it("removes kafkajs's negative-timeout warning, with or without Node's hint", () => {
    expect(withoutLibraryWarnings(kafkajsWarning(19149) + hint)).toBe('');
    expect(withoutLibraryWarnings(kafkajsWarning(1) + kafkajsWarning(2))).toBe('');
  });

  it('keeps everything else, including other warnings and ours', () => {
    const ours = '(node:7) Warning: msgtrace: the OpenTelemetry SDK did not start (boom)\n';
    const other =
      '(node:7) TimeoutOverflowWarning: 4294967296000 does not fit into a 32-bit signed integer.\n';
    expect(withoutLibraryWarnings(ours + kafkajsWarning(7) + hint + other)).toBe(ours + other);
  });
});
