import { createTraceState, type TraceState } from '@opentelemetry/api';

/**
 * The OpenTelemetry entry of the W3C `tracestate` and its two probability-sampling sub-keys, per
 * the spec's "TraceState: Probability Sampling": `th` (rejection threshold, 1–14 lowercase hex
 * digits, trailing zeros dropped) and `rv` (explicit randomness, exactly 14 lowercase hex digits).
 * A span is kept by a consistent sampler at threshold T iff its randomness R satisfies R >= T,
 * both read as 56-bit numbers. We compare them as 14-digit lowercase hex strings, which orders
 * the same as the numbers and needs no BigInt per span.
 */
export const OT_KEY = 'ot';

/** Both `th` and `rv` are 56-bit values, i.e. 14 hex digits. */
export const RANDOMNESS_DIGITS = 14;

/** The spec caps the whole `ot` value at 256 characters; a longer one is not ours to read. */
const MAX_OT_LENGTH = 256;
const RANDOMNESS = /^[0-9a-f]{14}$/;
const THRESHOLD = /^[0-9a-f]{1,14}$/;
const SUB_KEY = /^[a-z][a-z0-9]*$/;

/** What our samplers read from and write to the `ot` entry. */
export interface OtSampling {
  /** The threshold as 14 hex digits (the padded `th`), when present and well formed. */
  threshold?: string;
  /** `rv`, when present and well formed. */
  randomness?: string;
}

/** `th` and `rv` of a `tracestate`; anything malformed, oversized or hostile counts as absent. */
export function readOtSampling(traceState: TraceState | undefined): OtSampling {
  const value = traceState?.get(OT_KEY);
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_OT_LENGTH) return {};
  const found: OtSampling = {};
  for (const member of value.split(';')) {
    const colon = member.indexOf(':');
    if (colon <= 0) continue;
    const key = member.slice(0, colon);
    const raw = member.slice(colon + 1);
    if (key === 'rv' && RANDOMNESS.test(raw)) found.randomness = raw;
    else if (key === 'th' && THRESHOLD.test(raw))
      found.threshold = raw.padEnd(RANDOMNESS_DIGITS, '0');
  }
  return found;
}

/** The trace's randomness as a consistent sampler reads it: `rv`, else the trace id's low 56 bits. */
export function randomnessOf(traceId: string, traceState: TraceState | undefined): string {
  return readOtSampling(traceState).randomness ?? traceId.slice(-RANDOMNESS_DIGITS).toLowerCase();
}

/** `th` as written: 14 digits without trailing zeros, `0` for "keep everything". */
export function encodeThreshold(threshold: string): string {
  return threshold.replace(/0+$/, '') || '0';
}

/**
 * `traceState` (possibly another vendor's, possibly none) with our `ot` sub-keys set. Other
 * vendors' entries are left exactly as they were, and so are `ot` sub-keys we do not own; a
 * `th` or `rv` of `undefined` is erased. The entry moves to the front, as W3C asks of an entry
 * that changed.
 */
export function withOtSampling(
  traceState: TraceState | undefined,
  sampling: OtSampling,
): TraceState {
  const base = traceState ?? createTraceState();
  const previous = base.get(OT_KEY);
  const kept: string[] = [];
  if (typeof previous === 'string' && previous.length <= MAX_OT_LENGTH) {
    for (const member of previous.split(';')) {
      const colon = member.indexOf(':');
      const key = colon > 0 ? member.slice(0, colon) : '';
      if (key === 'th' || key === 'rv' || !SUB_KEY.test(key)) continue;
      kept.push(member);
    }
  }
  const ours: string[] = [];
  if (sampling.threshold !== undefined) ours.push(`th:${encodeThreshold(sampling.threshold)}`);
  if (sampling.randomness !== undefined) ours.push(`rv:${sampling.randomness}`);
  const members = [...ours, ...kept];
  // Dropping other sub-keys rather than exceeding the spec's 256 characters.
  let value = members.join(';');
  while (value.length > MAX_OT_LENGTH && members.length > ours.length) {
    members.pop();
    value = members.join(';');
  }
  return value ? base.set(OT_KEY, value) : base.unset(OT_KEY);
}
