/**
 * The producer side of the JSON-body carrier: splices the context in as the body's first member.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { isUint8Array } from 'node:util/types';
import {
  allocLike,
  asBuffer,
  at,
  CLOSE_BRACE,
  COMMA,
  DEFAULT_JSON_BODY_KEY,
  DEFAULT_MAX_CARRIER_BYTES,
  indexOfQuoted,
  type JsonBodyData,
  KINESIS_MAX_RECORD_BYTES,
  keyInfo,
  OPEN_BRACE,
  skipBomAndWs,
  skipWs,
  skipWsBack,
} from './json-body-scan.js';

/** Options of {@link injectIntoJsonBody}. */
export interface JsonBodyInjectOptions {
  /** Body key the context is written under. Default DEFAULT_JSON_BODY_KEY. */
  key?: string;
  /** Largest allowed size of the result in bytes, including reservedBytes. Default KINESIS_MAX_RECORD_BYTES. */
  maxBytes?: number;
  /** Bytes that count against maxBytes besides the data (Kinesis: the partition key's UTF-8 length). Default 0. */
  reservedBytes?: number;
  /**
   * The carrier as {@link prepareJsonBodyCarrier} made it, when one carrier goes into many bodies
   * (a batch's records share their send span's context): it is serialized once, not per body.
   * The `carrier` argument is then not read.
   */
  prepared?: PreparedJsonBodyCarrier;
}

/** A carrier serialized once, for {@link JsonBodyInjectOptions.prepared}. */
export interface PreparedJsonBodyCarrier {
  /** The member's value as written, or undefined when there is nothing to write. */
  readonly text: string | undefined;
  /** `text` in UTF-8. */
  readonly bytes: Buffer | undefined;
}

/** Serializes `carrier` once for injecting into many bodies. Never throws. */
export function prepareJsonBodyCarrier(
  carrier: Readonly<Record<string, string>>,
): PreparedJsonBodyCarrier {
  try {
    const text = carrierJson(carrier);
    return { text, bytes: text === undefined ? undefined : Buffer.from(text, 'utf8') };
  } catch {
    // A hostile carrier (throwing getters): nothing to write, as injectIntoJsonBody would decide.
    return { text: undefined, bytes: undefined };
  }
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
    const prepared = options?.prepared;
    const value = prepared ? prepared.text : carrierJson(carrier);
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
    const valueBytes = prepared?.bytes ? prepared.bytes.length : Buffer.byteLength(value, 'utf8');
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
    pos += prepared?.bytes
      ? prepared.bytes.copy(out, pos)
      : asBuffer(out).write(value, pos, 'utf8');
    if (needComma) out[pos++] = COMMA;
    src.copy(out, pos, open + 1);
    return { data: out as T, injected: true };
  } catch {
    // Unreachable for well-typed input; a hostile carrier (throwing getters) or a detached buffer
    // lands here, and the record goes out as it came.
    return { data, injected: false };
  }
}
