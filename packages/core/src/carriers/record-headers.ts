import { isUtf8 } from 'node:buffer';
import type { TextMapGetter } from '@opentelemetry/api';

/**
 * Message headers as Kafka (kafkajs) and RabbitMQ (amqplib) carry them: values are strings,
 * Buffers, arrays of either (Kafka allows a key to repeat), or for AMQP any table value.
 */
export type RecordHeaders = Record<string, unknown>;

/**
 * A header value larger than this is not trace context (W3C caps tracestate at 512 characters
 * and baggage at 8192 bytes); reading it would only cost time.
 */
export const MAX_HEADER_VALUE_BYTES = 8_192;

const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= MAX_HEADER_VALUE_BYTES ? value : undefined;
  if (value instanceof Uint8Array) {
    if (value.byteLength > MAX_HEADER_VALUE_BYTES || !isUtf8(value)) return undefined;
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  }
  return undefined;
}

// Propagators ask for the same few field names on every message (W3C: traceparent, tracestate,
// the second usually missing): each is lowercased once, not per message.
const lowered = new Map<string, string>();
const MAX_LOWERED = 64;

function lowerCase(key: string): string {
  let lower = lowered.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowered.size < MAX_LOWERED) lowered.set(key, lower);
  }
  return lower;
}

function lookup(headers: RecordHeaders, key: string): unknown {
  if (hasOwn(headers, key)) return headers[key];
  // Brokers and other clients do not agree on case (Traceparent, TRACEPARENT): fall back to a
  // case-insensitive scan, which only runs when the exact key is missing.
  // Names of another length cannot match: most are never lowercased. `for in` with an own-key
  // check reads what `Object.keys` would, without an array per lookup.
  const wanted = lowerCase(key);
  for (const name in headers) {
    if (name.length === wanted.length && hasOwn(headers, name) && name.toLowerCase() === wanted) {
      return headers[name];
    }
  }
  return undefined;
}

/** Whether a carrier field replaces header `name` (the same but for case). */
function replacedBy(fields: readonly string[], name: string): boolean {
  for (const field of fields) {
    if (field.length === name.length && field.toLowerCase() === name.toLowerCase()) return true;
  }
  return false;
}

/**
 * Reads propagation fields from received headers: case-insensitive; Buffers decoded only when
 * they are valid UTF-8; repeated values returned as an array (propagators take the first
 * `traceparent` and join `tracestate`); anything else, or anything oversized, reads as absent.
 */
export const recordHeadersGetter: TextMapGetter<RecordHeaders | undefined> = {
  keys(headers) {
    return headers && typeof headers === 'object' ? Object.keys(headers) : [];
  },
  get(headers, key) {
    if (!headers || typeof headers !== 'object') return undefined;
    const value = lookup(headers, key);
    if (Array.isArray(value)) {
      const texts = value.map(asText).filter((text): text is string => text !== undefined);
      return texts.length > 0 ? texts : undefined;
    }
    return asText(value);
  },
};

/**
 * A copy of `headers` carrying `carrier`'s fields. The caller's object is never touched. Any
 * existing header that differs from a carrier field only by case is left out of the copy, so a
 * consumer cannot read a stale context under another spelling.
 */
export function injectIntoHeaders(
  headers: RecordHeaders | undefined,
  carrier: Readonly<Record<string, string>>,
): RecordHeaders | undefined {
  const fields = Object.keys(carrier);
  if (fields.length === 0) return headers;
  const copy: RecordHeaders = {};
  if (headers && typeof headers === 'object') {
    for (const name of Object.keys(headers)) {
      if (!replacedBy(fields, name)) copy[name] = headers[name];
    }
  }
  for (const field of fields) copy[field] = carrier[field];
  return copy;
}
