/**
 * The JSON-body carrier: Kinesis records have no headers, so trace context travels inside the
 * record body, as one member spliced in right after the opening brace of a JSON object.
 *
 * Nothing here parses or re-serializes the application's data: the producer copies the original
 * bytes around the inserted member, and the consumer recognises that member by its exact shape at
 * its exact position, parses only that small slice, and cuts it out again. Formatting, key order,
 * and numbers that JSON.parse would round (2^60 and friends) all survive the trip.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { isUint8Array } from 'node:util/types';

/** What a record body can be: the SDK takes and returns Uint8Array; callers may pass strings. */
export type JsonBodyData = Uint8Array | string;

/** Body key our context is written under; namespaced so it cannot collide with real data. */
export const DEFAULT_JSON_BODY_KEY = '_msgtrace';

/** Kinesis: data + partition key must fit in 1 MiB. */
export const KINESIS_MAX_RECORD_BYTES = 1_048_576;

/** Options of {@link injectIntoJsonBody}. */
export interface JsonBodyInjectOptions {
  /** Body key the context is written under. Default DEFAULT_JSON_BODY_KEY. */
  key?: string;
  /** Largest allowed size of the result in bytes, including reservedBytes. Default KINESIS_MAX_RECORD_BYTES. */
  maxBytes?: number;
  /** Bytes that count against maxBytes besides the data (Kinesis: the partition key's UTF-8 length). Default 0. */
  reservedBytes?: number;
}

/**
 * Why a body was left as it was. The producer sends the record either way: a skipped injection
 * costs a broken trace, never a lost or altered message.
 */
export type JsonBodySkipReason =
  | 'empty-carrier'
  | 'not-json-object'
  | 'not-utf8'
  | 'already-carries-key'
  | 'too-large';

/**
 * Outcome of an injection. When `injected` is false, `data` is the very object passed in, so a
 * caller can compare references instead of bytes.
 */
export interface JsonBodyInjectResult<T extends JsonBodyData> {
  data: T;
  injected: boolean;
  skipped?: JsonBodySkipReason;
}

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

// The reader refuses larger carriers by default, so the writer refuses them too: a context a
// default consumer cannot strip would reach the application as a stray member.
const DEFAULT_MAX_CARRIER_BYTES = 4096;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const STRING_BOM = 0xfeff;

interface KeyInfo {
  /** `key"`: `"key"` without its opening quote; its presence means the key is already there. */
  readonly quotedTail: string;
  readonly quotedTailBytes: Buffer;
  /** `"key":`: the member prefix we write and look for. */
  readonly member: string;
  readonly memberBytes: Buffer;
  /** `key":`: the member prefix without its opening quote, for searching. */
  readonly memberTail: string;
  readonly memberTailBytes: Buffer;
}

// Keys come from configuration, so a handful of entries; the bound only guards against a caller
// that builds keys dynamically.
const KEY_CACHE_LIMIT = 64;
const keyCache = new Map<string, KeyInfo>();

function keyInfo(key: string): KeyInfo {
  let info = keyCache.get(key);
  if (info === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    const quoted = JSON.stringify(key);
    const member = `${quoted}:`;
    info = {
      quotedTail: quoted.slice(1),
      quotedTailBytes: Buffer.from(quoted.slice(1), 'utf8'),
      member,
      memberBytes: Buffer.from(member, 'utf8'),
      memberTail: member.slice(1),
      memberTailBytes: Buffer.from(member.slice(1), 'utf8'),
    };
    keyCache.set(key, info);
  }
  return info;
}

/**
 * Index of the first `"` + tail in `d`, or -1. The search leaves the opening quote out on purpose:
 * Node's and V8's substring search scan for the needle's first character, and `"` is the most
 * common character in JSON; starting at the key instead is about 30 times faster on large bodies.
 */
function indexOfQuoted(d: JsonBodyData, tail: string, tailBytes: Buffer): number {
  const buf = typeof d === 'string' ? undefined : asBuffer(d);
  let from = 1;
  for (;;) {
    const i = buf === undefined ? (d as string).indexOf(tail, from) : buf.indexOf(tailBytes, from);
    if (i < 0) return -1;
    if (at(d, i - 1) === QUOTE) return i - 1;
    from = i + 1;
  }
}

/** Code unit (string) or byte (Uint8Array) at `i`; -1 past the end so comparisons just fail. */
function at(d: JsonBodyData, i: number): number {
  if (typeof d === 'string') return i < d.length ? d.charCodeAt(i) : -1;
  return d[i] ?? -1;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** UTF-8 bytes beyond the first that a UTF-16 code unit costs; a surrogate pair totals 4. */
function extraUtf8Bytes(c: number): number {
  if (c < 0x80) return 0;
  if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return 1;
  return 2;
}

/** Index of the first character of the body proper: past a UTF-8 BOM and JSON whitespace. */
function skipBomAndWs(d: JsonBodyData): number {
  let i = 0;
  if (typeof d === 'string') {
    if (d.charCodeAt(0) === STRING_BOM) i = 1;
  } else if (d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf) {
    i = 3;
  }
  while (isWs(at(d, i))) i++;
  return i;
}

function skipWs(d: JsonBodyData, i: number): number {
  while (isWs(at(d, i))) i++;
  return i;
}

/** Index of the last non-whitespace character at or before `i`, or -1. */
function skipWsBack(d: JsonBodyData, i: number): number {
  while (i >= 0 && isWs(at(d, i))) i--;
  return i;
}

/** The bytes of a Uint8Array as a Buffer without copying, for Buffer's native search and copy. */
function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** An empty byte array of the input's class: a plain Uint8Array must not come back as a Buffer. */
function allocLike(original: Uint8Array, length: number): Uint8Array {
  return Buffer.isBuffer(original) ? Buffer.allocUnsafe(length) : new Uint8Array(length);
}

/** `d` without the units [from, to): the inverse of a splice, in the input's own type. */
function removeRange<T extends JsonBodyData>(d: T, from: number, to: number): T {
  if (typeof d === 'string') {
    // Two slices and a concatenation are ropes in V8: no copy of a large record here.
    return (d.slice(0, from) + d.slice(to)) as T;
  }
  const src = asBuffer(d);
  const out = allocLike(d, src.length - (to - from));
  src.copy(out, 0, 0, from);
  src.copy(out, from, to);
  return out as T;
}

/**
 * The carrier as the JSON text we write, or undefined when there is nothing to write. Only string
 * values are kept: the reader accepts nothing else, and a member it would not strip must never be
 * written.
 */
function carrierJson(carrier: Readonly<Record<string, string>>): string | undefined {
  if (carrier === null || typeof carrier !== 'object') return undefined;
  const keys = Object.keys(carrier);
  let strings = 0;
  for (const k of keys) if (typeof carrier[k] === 'string') strings++;
  if (strings === 0) return undefined;
  if (strings === keys.length) return JSON.stringify(carrier);
  const flat: Record<string, string> = {};
  for (const k of keys) {
    const v = carrier[k];
    if (typeof v === 'string') Object.defineProperty(flat, k, { value: v, enumerable: true });
  }
  return JSON.stringify(flat);
}

/**
 * Writes `carrier` into a JSON object body as its first member, `"<key>":{...}`, without parsing
 * the body: the original bytes are copied around the insertion untouched, so formatting, key order
 * and big integers survive and {@link readJsonBody} can restore them exactly.
 *
 * Only the outline is checked (optional BOM and whitespace, then `{` ... `}`): validating the
 * whole JSON would cost the producer a parse per record. A body shaped like an object but invalid
 * inside still gets the key and is still restored byte for byte on read. The body is left alone
 * (same reference, with a `skipped` reason) when the carrier is empty, the body is not an object,
 * bytes are not UTF-8, the key is already present anywhere in the body, the carrier exceeds the
 * reader's default 4096-byte limit, or the result plus `reservedBytes` would exceed `maxBytes`.
 * Never throws.
 */
export function injectIntoJsonBody<T extends JsonBodyData>(
  data: T,
  carrier: Readonly<Record<string, string>>,
  options?: JsonBodyInjectOptions,
): JsonBodyInjectResult<T> {
  try {
    const value = carrierJson(carrier);
    if (value === undefined) return { data, injected: false, skipped: 'empty-carrier' };
    if (typeof data !== 'string' && !isUint8Array(data)) {
      return { data, injected: false, skipped: 'not-json-object' };
    }
    const open = skipBomAndWs(data);
    if (at(data, open) !== OPEN_BRACE) return { data, injected: false, skipped: 'not-json-object' };
    const close = skipWsBack(data, data.length - 1);
    if (close <= open || at(data, close) !== CLOSE_BRACE) {
      return { data, injected: false, skipped: 'not-json-object' };
    }
    // A comma only when a member follows: `{}` must become `{"k":{...}}`, not `{"k":{...},}`.
    const needComma = at(data, skipWs(data, open + 1)) === CLOSE_BRACE ? 0 : 1;

    const key = options?.key ?? DEFAULT_JSON_BODY_KEY;
    if (typeof key !== 'string') return { data, injected: false };
    const info = keyInfo(key);
    const valueBytes = Buffer.byteLength(value, 'utf8');
    if (valueBytes > DEFAULT_MAX_CARRIER_BYTES) {
      return { data, injected: false, skipped: 'too-large' };
    }
    const maxBytes = options?.maxBytes ?? KINESIS_MAX_RECORD_BYTES;
    const addedBytes = info.memberBytes.length + valueBytes + needComma;
    const budget = maxBytes - (options?.reservedBytes ?? 0) - addedBytes;

    if (typeof data === 'string') {
      if (indexOfQuoted(data, info.quotedTail, info.quotedTailBytes) !== -1) {
        return { data, injected: false, skipped: 'already-carries-key' };
      }
      // A UTF-16 unit is 1 to 3 UTF-8 bytes: the exact count, a full pass, only when it matters.
      const fits =
        data.length * 3 <= budget ||
        (data.length <= budget && Buffer.byteLength(data, 'utf8') <= budget);
      if (!fits) return { data, injected: false, skipped: 'too-large' };
      const out = `${data.slice(0, open + 1)}${info.member}${value}${needComma ? ',' : ''}${data.slice(open + 1)}`;
      return { data: out as T, injected: true };
    }

    const src = asBuffer(data as Uint8Array);
    if (!isUtf8(src)) return { data, injected: false, skipped: 'not-utf8' };
    if (indexOfQuoted(src, info.quotedTail, info.quotedTailBytes) !== -1) {
      return { data, injected: false, skipped: 'already-carries-key' };
    }
    if (!(src.length <= budget)) return { data, injected: false, skipped: 'too-large' };
    const out = allocLike(data as Uint8Array, src.length + addedBytes);
    let pos = src.copy(out, 0, 0, open + 1);
    pos += info.memberBytes.copy(out, pos);
    pos += asBuffer(out).write(value, pos, 'utf8');
    if (needComma) out[pos++] = COMMA;
    src.copy(out, pos, open + 1);
    return { data: out as T, injected: true };
  } catch {
    // Unreachable for well-typed input; a hostile carrier (throwing getters) or a detached buffer
    // lands here, and the record goes out as it came.
    return { data, injected: false };
  }
}

/**
 * Index just past the `}` closing the carrier value that opens at `open`, or -1. Accepts only what
 * JSON.stringify makes of a flat string-to-string object (no whitespace, no other value types) and
 * never looks further than `max` UTF-8 bytes from `open`: a hostile record costs at most that.
 */
function scanOwnCarrier(d: JsonBodyData, open: number, max: number): number {
  const isString = typeof d === 'string';
  const budgetEnd = open + max;
  let extra = 0;
  let i = open + 1;
  if (at(d, i) === CLOSE_BRACE) return i + 1 - open <= max ? i + 1 : -1;
  let expectKey = true;
  for (;;) {
    if (i + extra >= budgetEnd || at(d, i) !== QUOTE) return -1;
    i++;
    for (;;) {
      if (i + extra >= budgetEnd) return -1;
      const c = at(d, i);
      if (c === QUOTE) break;
      // Control characters (and -1, the end of the data) cannot occur inside a JSON string.
      if (c < 0x20) return -1;
      if (c === BACKSLASH) {
        // The escaped character is never a structural one; JSON.parse validates the escape.
        i += 2;
        continue;
      }
      if (isString) extra += extraUtf8Bytes(c);
      i++;
    }
    i++;
    if (i + extra >= budgetEnd) return -1;
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
  const isString = typeof d === 'string';
  const budgetEnd = open + max;
  let extra = 0;
  let depth = 0;
  let i = open;
  while (i + extra < budgetEnd) {
    const c = at(d, i);
    if (c === -1) return -1;
    if (c === QUOTE) {
      i++;
      for (;;) {
        if (i + extra >= budgetEnd) return -1;
        const s = at(d, i);
        if (s === QUOTE) break;
        if (s < 0x20) return -1;
        if (s === BACKSLASH) {
          i += 2;
          continue;
        }
        if (isString) extra += extraUtf8Bytes(s);
        i++;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** JSON.parse of a small slice; undefined unless it is a JSON object. Throws on invalid JSON. */
function parseObjectSlice(d: JsonBodyData, from: number, to: number): object | undefined {
  let text: string;
  if (typeof d === 'string') {
    text = d.slice(from, to);
  } else {
    const b = asBuffer(d);
    // Decoding would turn invalid bytes into U+FFFD: garbage must yield no context instead.
    if (!isUtf8(b.subarray(from, to))) return undefined;
    text = b.toString('utf8', from, to);
  }
  const parsed: unknown = JSON.parse(text);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? parsed
    : undefined;
}

function startsWithAt(d: JsonBodyData, info: KeyInfo, at: number): boolean {
  if (typeof d === 'string') return d.startsWith(info.member, at);
  const m = info.memberBytes;
  if (at + m.length > d.length) return false;
  for (let j = 0; j < m.length; j++) if (d[at + j] !== m[j]) return false;
  return true;
}

function memberLength(d: JsonBodyData, info: KeyInfo): number {
  return typeof d === 'string' ? info.member.length : info.memberBytes.length;
}

/** Our member, recognised only where and how injectIntoJsonBody writes it. */
function readOwn<T extends JsonBodyData>(
  d: T,
  key: string,
  max: number,
): JsonBodyReadResult<T> | undefined {
  const open = skipBomAndWs(d);
  if (at(d, open) !== OPEN_BRACE) return undefined;
  const info = keyInfo(key);
  const start = open + 1;
  if (!startsWithAt(d, info, start)) return undefined;
  const valueOpen = start + memberLength(d, info);
  if (at(d, valueOpen) !== OPEN_BRACE) return undefined;
  const valueEnd = scanOwnCarrier(d, valueOpen, max);
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
  const carrier = parseObjectSlice(d, valueOpen, valueEnd) as Record<string, string> | undefined;
  if (carrier === undefined) return undefined;
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
    const own = readOwn(data, key, max);
    if (own !== undefined) return own;
    const foreignKeys = options?.foreignKeys;
    if (foreignKeys === undefined || foreignKeys.length === 0) return { data, stripped: false };
    return readForeign(data, foreignKeys, options?.stripForeignKeys === true, max);
  } catch {
    // Invalid JSON inside a matching slice, a detached buffer, a hostile options object.
    return { data, stripped: false };
  }
}
