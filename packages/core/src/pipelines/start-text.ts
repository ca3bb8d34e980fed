// 36^4: the last four base-36 digits of a time change every millisecond, the rest every 28 min.
const LOW_SPAN = 1_679_616;

function digit(value: number): number {
  return value < 10 ? 48 + value : 87 + value;
}

/**
 * Times in base 36 as a pathway's start travels (`Number#toString(36)`'s digits), for the
 * pathways a process starts. `toString(36)` goes through V8's general radix conversion
 * (floating-point `fmod` per digit); here the high digits are formatted once per 28 minutes and
 * the low four with small-integer arithmetic, and the text is reused within a millisecond.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export class StartText {
  private lastMs = Number.NaN;
  private lastText = '';
  private high = -1;
  private highText = '';

  /** `ms.toString(36)`, for a whole number of milliseconds since the epoch. */
  of(ms: number): string {
    if (ms === this.lastMs) return this.lastText;
    this.lastMs = ms;
    this.lastText = this.format(ms);
    return this.lastText;
  }

  private format(ms: number): string {
    const high = Math.floor(ms / LOW_SPAN);
    // Before 1970-01-20, or not a whole number: nothing this process starts, but stay exact.
    if (high < 1 || !Number.isSafeInteger(ms)) return ms.toString(36);
    if (high !== this.high) {
      this.high = high;
      this.highText = high.toString(36);
    }
    let low = ms - high * LOW_SPAN;
    const d3 = low % 36;
    low = (low - d3) / 36;
    const d2 = low % 36;
    low = (low - d2) / 36;
    const d1 = low % 36;
    const d0 = (low - d1) / 36;
    return this.highText + String.fromCharCode(digit(d0), digit(d1), digit(d2), digit(d3));
  }
}
