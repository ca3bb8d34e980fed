/**
 * The lexical ground both sides of the JSON-body carrier stand on: positions in a body that is a
 * string or bytes, whitespace and BOM skipping, the one bounded string-skipping routine, the
 * cached key spellings, and splicing. Nothing here parses a record.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/** What a record body can be: the SDK takes and returns Uint8Array; callers may pass strings. */
export type JsonBodyData = Uint8Array | string;

/** Body key our context is written under; namespaced so it cannot collide with real data. */
export const DEFAULT_JSON_BODY_KEY = '_msgtrace';

/** Kinesis: data + partition key must fit in 1 MiB. */
export const KINESIS_MAX_RECORD_BYTES = 1_048_576;

// The reader refuses larger carriers by default, so the writer refuses them too: a context a
// default consumer cannot strip would reach the application as a stray member.
export const DEFAULT_MAX_CARRIER_BYTES = 4096;

export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const STRING_BOM = 0xfeff;

export interface KeyInfo {
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

export function keyInfo(key: string): KeyInfo {
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
export function indexOfQuoted(d: JsonBodyData, tail: string, tailBytes: Buffer): number {
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
export function at(d: JsonBodyData, i: number): number {
  if (typeof d === 'string') return i < d.length ? d.charCodeAt(i) : -1;
  return d[i] ?? -1;
}

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** UTF-8 bytes beyond the first that a UTF-16 code unit costs; a surrogate pair totals 4. */
export function extraUtf8Bytes(c: number): number {
  if (c < 0x80) return 0;
  if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) return 1;
  return 2;
}

/** Index of the first character of the body proper: past a UTF-8 BOM and JSON whitespace. */
export function skipBomAndWs(d: JsonBodyData): number {
  let i = 0;
  if (typeof d === 'string') {
    if (d.charCodeAt(0) === STRING_BOM) i = 1;
  } else if (d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf) {
    i = 3;
  }
  while (isWs(at(d, i))) i++;
  return i;
}

export function skipWs(d: JsonBodyData, i: number): number {
  while (isWs(at(d, i))) i++;
  return i;
}

/** Index of the last non-whitespace character at or before `i`, or -1. */
export function skipWsBack(d: JsonBodyData, i: number): number {
  while (i >= 0 && isWs(at(d, i))) i--;
  return i;
}

/** The bytes of a Uint8Array as a Buffer without copying, for Buffer's native search and copy. */
export function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** An empty byte array of the input's class: a plain Uint8Array must not come back as a Buffer. */
export function allocLike(original: Uint8Array, length: number): Uint8Array {
  return Buffer.isBuffer(original) ? Buffer.allocUnsafe(length) : new Uint8Array(length);
}

/** `d` without the units [from, to): the inverse of a splice, in the input's own type. */
export function removeRange<T extends JsonBodyData>(d: T, from: number, to: number): T {
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
 * A bounded scan from `open`: `extra` counts the UTF-8 bytes beyond one per UTF-16 unit seen so
 * far in a string body, so `i + extra` is the byte offset that `budgetEnd` limits.
 */
export interface Scan {
  extra: number;
  readonly budgetEnd: number;
  readonly isString: boolean;
}

export function startScan(d: JsonBodyData, open: number, max: number): Scan {
  return { extra: 0, budgetEnd: open + max, isString: typeof d === 'string' };
}

/**
 * From the opening quote at `i`, the index of the closing quote, or -1 when the string runs past
 * the budget, holds a control character or the data ends (both impossible inside a JSON string).
 * An escape's second character is never a structural one; JSON.parse validates the escape.
 */
export function skipString(d: JsonBodyData, i: number, scan: Scan): number {
  let j = i + 1;
  for (;;) {
    if (j + scan.extra >= scan.budgetEnd) return -1;
    const c = at(d, j);
    if (c === QUOTE) return j;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      j += 2;
      continue;
    }
    if (scan.isString) scan.extra += extraUtf8Bytes(c);
    j++;
  }
}

/** JSON.parse of a small slice; undefined unless it is a JSON object. Throws on invalid JSON. */
export function parseObjectSlice(d: JsonBodyData, from: number, to: number): object | undefined {
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

export function startsWithAt(d: JsonBodyData, info: KeyInfo, at: number): boolean {
  if (typeof d === 'string') return d.startsWith(info.member, at);
  const m = info.memberBytes;
  if (at + m.length > d.length) return false;
  for (let j = 0; j < m.length; j++) if (d[at + j] !== m[j]) return false;
  return true;
}

export function memberLength(d: JsonBodyData, info: KeyInfo): number {
  return typeof d === 'string' ? info.member.length : info.memberBytes.length;
}
