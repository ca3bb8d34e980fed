import { RANDOMNESS_DIGITS } from './ot-tracestate.js';

const SCALE = 2 ** 56;
const MAX = 1n << 56n;

/**
 * The rejection threshold for a keep probability, as 14 hex digits: T = 2^56 − round(p · 2^56),
 * so that a uniformly random R keeps with R >= T at probability p. Undefined for p = 0 (T would
 * be 2^56, which no 56-bit randomness reaches: never keep). Out-of-range or NaN is a caller bug.
 */
export function thresholdFor(probability: number): string | undefined {
  if (!(probability >= 0 && probability <= 1)) {
    throw new RangeError(`sampling probability ${probability} is not in [0, 1]`);
  }
  const threshold = MAX - BigInt(Math.round(probability * SCALE));
  if (threshold >= MAX) return undefined;
  return threshold.toString(16).padStart(RANDOMNESS_DIGITS, '0');
}

/** Whether randomness R (14 hex digits) is kept at threshold T (14 hex digits or never). */
export function keptAt(randomness: string, threshold: string | undefined): boolean {
  return threshold !== undefined && randomness >= threshold;
}
