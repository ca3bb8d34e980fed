/**
 * The consumer side of the JSON-body carrier: recognises our member by its exact shape at its
 * exact position (or another tracer's anywhere), reads it, and cuts it out again.
 */
import { isUint8Array } from 'node:util/types';
import {
  at,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DEFAULT_JSON_BODY_KEY,
  DEFAULT_MAX_CARRIER_BYTES,
  indexOfQuoted,
  type JsonBodyData,
  keyInfo,
  memberLength,
  OPEN_BRACE,
  OPEN_BRACKET,
  parseObjectSlice,
  QUOTE,
  removeRange,
  skipBomAndWs,
  skipString,
  skipWs,
  skipWsBack,
  startScan,
  startsWithAt,
} from './json-body-scan.js';

/** Options of {@link readJsonBody}. */
export interface JsonBodyReadOptions {
  /** Body key our context is read from. Default DEFAULT_JSON_BODY_KEY. */
  key?: string;
  /** Keys other tracers write context under (e.g. '_datadog'); read when our key is absent. */
  foreignKeys?: readonly string[];
  /** Whether to remove a foreign key too. Default false: we did not put it there. */
  stripForeignKeys?: boolean;
  /** A carrier value larger than this is hostile: no context, bytes untouched. Default 4096. */
  maxCarrierBytes?: number;
  /**
   * The last carrier read, for reading many bodies in a row (one `GetRecords` answer): a body
   * whose carrier is byte for byte the previous one's (every record of one `PutRecords` carries
   * its send span's context) is not scanned or parsed again, and its result's `carrier` is the
   * very object returned before. Make one per batch with {@link jsonBodyCarrierMemo}.
   */
  memo?: JsonBodyCarrierMemo;
}

/** The last carrier a batch's reads parsed: see {@link JsonBodyReadOptions.memo}. */
export interface JsonBodyCarrierMemo {
  /** The carrier value as it stood in the body: its UTF-8 bytes, or its text in a string body. */
  bytes?: Uint8Array | undefined;
  text?: string | undefined;
  /** The budget it was read under: a memo never lets a larger carrier through a smaller one. */
  max?: number;
  carrier?: Record<string, string>;
}

/** An empty memo for one batch of reads. */
export function jsonBodyCarrierMemo(): JsonBodyCarrierMemo {
  return {};
}

/**
 * Index just past the remembered carrier when `d` holds exactly its bytes from `open`, else -1.
 * The scan that accepted those bytes looked at nothing else, so it would accept them here too.
 */
function rememberedEnd(d: JsonBodyData, open: number, max: number, memo: JsonBodyCarrierMemo) {
  if (memo.max !== max) return -1;
  if (typeof d === 'string') {
    const text = memo.text;
    return text !== undefined && d.startsWith(text, open) ? open + text.length : -1;
  }
  const bytes = memo.bytes;
  if (bytes === undefined || open + bytes.length > d.length) return -1;
  for (let j = 0; j < bytes.length; j++) if (d[open + j] !== bytes[j]) return -1;
  return open + bytes.length;
}

function remember(
  d: JsonBodyData,
  open: number,
  end: number,
  max: number,
  carrier: Record<string, string>,
  memo: JsonBodyCarrierMemo,
): void {
  // A copy: the memo must not change when the body it came from does.
  if (typeof d === 'string') {
    memo.text = d.slice(open, end);
    memo.bytes = undefined;
  } else {
    memo.bytes = Uint8Array.prototype.slice.call(d, open, end);
    memo.text = undefined;
  }
  memo.max = max;
  memo.carrier = carrier;
}

/**
 * Outcome of a read. `carrier` is ready for `propagation.extract`; `source` names the key it came
 * from. When `stripped` is false, `data` is the very object passed in.
 */
export interface JsonBodyReadResult<T extends JsonBodyData> {
  data: T;
  carrier?: Record<string, string>;
  source?: string;
  stripped: boolean;
}

/**
 * Index just past the `}` closing the carrier value that opens at `open`, or -1. Accepts only what
 * JSON.stringify makes of a flat string-to-string object (no whitespace, no other value types) and
 * never looks further than `max` UTF-8 bytes from `open`: a hostile record costs at most that.
 */
function scanOwnCarrier(d: JsonBodyData, open: number, max: number): number {
  const scan = startScan(d, open, max);
  let i = open + 1;
  if (at(d, i) === CLOSE_BRACE) return i + 1 - open <= max ? i + 1 : -1;
  let expectKey = true;
  for (;;) {
    if (i + scan.extra >= scan.budgetEnd || at(d, i) !== QUOTE) return -1;
    i = skipString(d, i, scan);
    if (i < 0) return -1;
    i++;
    if (i + scan.extra >= scan.budgetEnd) return -1;
    const c = at(d, i);
    if (expectKey) {
      if (c !== COLON) return -1;
      expectKey = false;
    } else if (c === CLOSE_BRACE) {
      return i + 1;
    } else if (c !== COMMA) {
      return -1;
    } else {
      expectKey = true;
    }
    i++;
  }
}

/**
 * Index just past the `}` matching the `{` at `open`, or -1, within `max` UTF-8 bytes. Tracks only
 * strings and nesting: other tracers' values may be anything JSON, and JSON.parse of the slice is
 * what validates it.
 */
function scanObjectEnd(d: JsonBodyData, open: number, max: number): number {
  const scan = startScan(d, open, max);
  let depth = 0;
  let i = open;
  while (i + scan.extra < scan.budgetEnd) {
    const c = at(d, i);
    if (c === -1) return -1;
    if (c === QUOTE) {
      i = skipString(d, i, scan);
      if (i < 0) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** Our member, recognised only where and how injectIntoJsonBody writes it. */
function readOwn<T extends JsonBodyData>(
  d: T,
  key: string,
  max: number,
  memo: JsonBodyCarrierMemo | undefined,
): JsonBodyReadResult<T> | undefined {
  const open = skipBomAndWs(d);
  if (at(d, open) !== OPEN_BRACE) return undefined;
  const info = keyInfo(key);
  const start = open + 1;
  if (!startsWithAt(d, info, start)) return undefined;
  const valueOpen = start + memberLength(d, info);
  if (at(d, valueOpen) !== OPEN_BRACE) return undefined;
  const known = memo === undefined ? -1 : rememberedEnd(d, valueOpen, max, memo);
  const valueEnd = known >= 0 ? known : scanOwnCarrier(d, valueOpen, max);
  if (valueEnd < 0) return undefined;
  // Strip only what injection could have produced, so stripping is its exact inverse: a comma
  // exactly when a member follows, and the object closed at the end of the data.
  let end = valueEnd;
  if (at(d, end) === COMMA) {
    end++;
    const next = at(d, skipWs(d, end));
    if (next === CLOSE_BRACE || next === -1) return undefined;
  } else if (at(d, skipWs(d, end)) !== CLOSE_BRACE) {
    return undefined;
  }
  if (at(d, skipWsBack(d, d.length - 1)) !== CLOSE_BRACE) return undefined;
  let carrier = known >= 0 ? memo?.carrier : undefined;
  if (carrier === undefined) {
    carrier = parseObjectSlice(d, valueOpen, valueEnd) as Record<string, string> | undefined;
    if (carrier === undefined) return undefined;
    if (memo !== undefined) remember(d, valueOpen, valueEnd, max, carrier, memo);
  }
  return { data: removeRange(d, start, end), carrier, source: key, stripped: true };
}

/** String members of a foreign carrier value; other members are dropped, not fatal. */
function foreignCarrier(
  d: JsonBodyData,
  from: number,
  to: number,
): Record<string, string> | undefined {
  const parsed = parseObjectSlice(d, from, to) as Record<string, unknown> | undefined;
  if (parsed === undefined) return undefined;
  let strings = 0;
  for (const k of Object.keys(parsed)) {
    if (typeof parsed[k] === 'string') strings++;
    else delete parsed[k];
  }
  return strings > 0 ? (parsed as Record<string, string>) : undefined;
}

/**
 * Another tracer's member, found anywhere (first occurrence only, so a hostile record costs one
 * bounded scan per key). It must sit where a member can (after `{` or `,`) and be followed by `,`
 * or `}`, which keeps the result valid JSON when it is stripped.
 */
function readForeign<T extends JsonBodyData>(
  d: T,
  foreignKeys: readonly string[],
  strip: boolean,
  max: number,
): JsonBodyReadResult<T> {
  for (const fk of foreignKeys) {
    if (typeof fk !== 'string') continue;
    const info = keyInfo(fk);
    const keyStart = indexOfQuoted(d, info.memberTail, info.memberTailBytes);
    if (keyStart < 0) continue;
    const before = skipWsBack(d, keyStart - 1);
    const prev = at(d, before);
    if (prev !== OPEN_BRACE && prev !== COMMA) continue;
    const valueOpen = skipWs(d, keyStart + memberLength(d, info));
    if (at(d, valueOpen) !== OPEN_BRACE) continue;
    const valueEnd = scanObjectEnd(d, valueOpen, max);
    if (valueEnd < 0) continue;
    const afterAt = skipWs(d, valueEnd);
    const after = at(d, afterAt);
    if (after !== COMMA && after !== CLOSE_BRACE) continue;
    const carrier = foreignCarrier(d, valueOpen, valueEnd);
    if (carrier === undefined) continue;
    if (!strip) return { data: d, carrier, source: fk, stripped: false };
    // Take one comma with the member: the following one, or for a last member the preceding one.
    let from = keyStart;
    let to = valueEnd;
    if (after === COMMA) to = afterAt + 1;
    else if (prev === COMMA) from = before;
    return { data: removeRange(d, from, to), carrier, source: fk, stripped: true };
  }
  return { data: d, stripped: false };
}

/**
 * Reads trace context from a record body and hands back the body as the application expects it.
 *
 * Our key is recognised only in the exact shape and position injectIntoJsonBody writes it (first
 * member, flat object of strings, within `maxCarrierBytes`); the check is a prefix compare plus a
 * scan of the carrier itself, never of the record. On a match the member is cut out, giving back
 * the original bytes exactly. Anything else — no key, a malformed or oversized value, binary data —
 * yields no carrier and the very same `data` reference. When our key does not match, `foreignKeys`
 * are searched for (see JsonBodyReadOptions). Never throws, whatever it is given.
 */
export function readJsonBody<T extends JsonBodyData>(
  data: T,
  options?: JsonBodyReadOptions,
): JsonBodyReadResult<T> {
  try {
    if (typeof data !== 'string' && !isUint8Array(data)) return { data, stripped: false };
    const key = options?.key ?? DEFAULT_JSON_BODY_KEY;
    const max = options?.maxCarrierBytes ?? DEFAULT_MAX_CARRIER_BYTES;
    if (typeof key !== 'string' || typeof max !== 'number') return { data, stripped: false };
    const own = readOwn(data, key, max, options?.memo);
    if (own !== undefined) return own;
    const foreignKeys = options?.foreignKeys;
    if (foreignKeys === undefined || foreignKeys.length === 0) return { data, stripped: false };
    return readForeign(data, foreignKeys, options?.stripForeignKeys === true, max);
  } catch {
    // Invalid JSON inside a matching slice, a detached buffer, a hostile options object.
    return { data, stripped: false };
  }
}
