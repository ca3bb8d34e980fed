import { Buffer, isUtf8 } from 'node:buffer';
import {
  type Context,
  context,
  isSpanContextValid,
  type SpanContext,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { extractContext } from '../propagation.js';
import { AWS_TRACE_HEADER, formatXRayTraceHeader, parseXRayTraceHeader } from './xray.js';

/**
 * One SQS message attribute, shaped like the AWS SDK v3 `MessageAttributeValue` so SDK objects
 * pass in and out unchanged without core depending on the SDK.
 */
export interface SqsMessageAttributeValue {
  DataType?: string | undefined;
  StringValue?: string | undefined;
  BinaryValue?: Uint8Array | undefined;
  StringListValues?: string[] | undefined;
  BinaryListValues?: Uint8Array[] | undefined;
}

/** A message's attribute map, keyed by attribute name, as the SDK sends and receives it. */
export type SqsMessageAttributes = Record<string, SqsMessageAttributeValue>;

/** SQS rejects a message with more message attributes than this; existing ones count. */
export const SQS_MAX_MESSAGE_ATTRIBUTES = 10;

/** SQS's default and long-standing maximum message size (256 KiB), body and attributes together. */
export const SQS_MAX_MESSAGE_BYTES = 262_144;

/** The parts of an outgoing message (`SendMessage` input or a batch entry) that inject reads. */
export interface SqsMessageToInject {
  body: string | undefined;
  messageAttributes?: SqsMessageAttributes | undefined;
  messageSystemAttributes?: SqsMessageAttributes | undefined;
}

/**
 * Limits for `injectIntoSqsMessage`. Lower `maxAttributes` to keep slots free for attributes the
 * application adds later; set `maxMessageBytes` to the queue's `MaximumMessageSize` when the
 * queue is configured with a different limit than the default.
 */
export interface SqsInjectOptions {
  maxAttributes?: number;
  maxMessageBytes?: number;
}

/** Where the context went: message attributes, the X-Ray system attribute, or nowhere. */
export type SqsInjectVia = 'message-attributes' | 'aws-trace-header' | 'none';

/** Why nothing was injected; set only when `via` is `'none'`. */
export type SqsInjectSkipReason =
  | 'empty-carrier'
  | 'message-too-large'
  | 'no-attribute-slot'
  | 'aws-trace-header-present';

/** What `injectIntoSqsMessage` decided, so the caller can build its command and log why. */
export interface SqsInjectResult {
  /** A new object when anything was added; otherwise the caller's own object (or undefined). */
  messageAttributes: SqsMessageAttributes | undefined;
  messageSystemAttributes: SqsMessageAttributes | undefined;
  via: SqsInjectVia;
  /** The carrier fields written as message attributes, in order. */
  written: string[];
  /** Fields that did not fit (fewer slots than fields). */
  dropped: string[];
  skipped?: SqsInjectSkipReason;
}

/** A received message as the SDK returns it; only the parts extraction reads. */
export interface SqsReceivedMessageLike {
  MessageAttributes?: SqsMessageAttributes | undefined;
  Attributes?: Partial<Record<string, string>> | undefined;
}

const STRING_DATA_TYPE = 'String';
const STRING_DATA_TYPE_BYTES = STRING_DATA_TYPE.length;

// Longer values are not trace context from any propagator we know; refusing them bounds the work
// a hostile message can cause in the propagator's own parsing.
const MAX_READ_VALUE_LENGTH = 8192;

// Names that would read or write an object's prototype machinery instead of an attribute.
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// SQS rejects the whole SendMessage call for a bad attribute name or a character outside this
// set, so a field that breaks either rule is never written (the host app's send must not fail).
const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9_.-]{1,256}$/;
const RESERVED_NAME_PREFIX_RE = /^(?:aws|amazon)\./i;
const ALLOWED_VALUE_RE = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

// No UTF-16 code unit takes more than 3 UTF-8 bytes, so this bounds the size without scanning.
const utf8UpperBound = (s: string): number => s.length * 3;

function attributeSize(name: string, value: unknown, stringBytes: (s: string) => number): number {
  let size = stringBytes(name);
  if (!isObject(value)) return size;
  const { DataType, StringValue, BinaryValue, StringListValues, BinaryListValues } = value;
  if (typeof DataType === 'string') size += stringBytes(DataType);
  if (typeof StringValue === 'string') size += stringBytes(StringValue);
  if (ArrayBuffer.isView(BinaryValue)) size += BinaryValue.byteLength;
  if (Array.isArray(StringListValues)) {
    for (const s of StringListValues) if (typeof s === 'string') size += stringBytes(s);
  }
  if (Array.isArray(BinaryListValues)) {
    for (const b of BinaryListValues) if (ArrayBuffer.isView(b)) size += b.byteLength;
  }
  return size;
}

function measure(body: unknown, attributes: unknown, stringBytes: (s: string) => number): number {
  let size = typeof body === 'string' ? stringBytes(body) : 0;
  if (!isObject(attributes)) return size;
  for (const name of Object.keys(attributes)) {
    size += attributeSize(name, attributes[name], stringBytes);
  }
  return size;
}

/**
 * The size SQS charges against its message limit: UTF-8 bytes of the body plus, per attribute,
 * the bytes of its name, its DataType and its value (string, binary and list values summed).
 */
export function sqsMessageSize(
  body: string | undefined,
  attributes: SqsMessageAttributes | undefined,
): number {
  return measure(body, attributes, utf8Bytes);
}

function isWritableField(name: string, value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value !== '' &&
    ATTRIBUTE_NAME_RE.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.includes('..') &&
    !RESERVED_NAME_PREFIX_RE.test(name) &&
    !FORBIDDEN_NAMES.has(name) &&
    ALLOWED_VALUE_RE.test(value)
  );
}

const stringAttributeSize = (name: string, value: string): number =>
  utf8Bytes(name) + STRING_DATA_TYPE_BYTES + utf8Bytes(value);

// defineProperty rather than assignment: a key such as `__proto__` in the caller's map must stay
// a plain own entry of the copy instead of changing its prototype.
function withStringEntries(
  base: SqsMessageAttributes | undefined,
  entries: ReadonlyArray<readonly [string, string]>,
): SqsMessageAttributes {
  const copy: SqsMessageAttributes = isObject(base) ? { ...base } : {};
  for (const [name, value] of entries) {
    Object.defineProperty(copy, name, {
      value: { DataType: STRING_DATA_TYPE, StringValue: value },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function normalizeLimit(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.floor(value)
    : fallback;
}

/**
 * Places the propagator's output (`carrier`, as written by `propagation.inject`) into an outgoing
 * SQS message without touching the caller's objects: returned maps are new objects when something
 * was added and the caller's own references otherwise.
 *
 * Fields are written in the carrier's insertion order, which is the priority order, as long as
 * attribute slots (`maxAttributes` minus existing attributes; a field whose name already exists
 * replaces that stale value without needing a slot) and the size limit allow; the least important
 * fields are dropped first. When not even the first field fits, the context goes into the
 * `AWSTraceHeader` system attribute in X-Ray format instead, unless the caller already set one or
 * `spanContext` is missing or invalid. Empty values and fields SQS would reject (invalid names,
 * disallowed characters) are ignored, because a rejected attribute fails the whole send.
 */
export function injectIntoSqsMessage(
  message: SqsMessageToInject,
  carrier: Readonly<Record<string, string>>,
  spanContext: SpanContext | undefined,
  options?: SqsInjectOptions,
): SqsInjectResult {
  const attributes = message.messageAttributes;
  const systemAttributes = message.messageSystemAttributes;
  const nothing = (skipped: SqsInjectSkipReason, dropped: string[]): SqsInjectResult => ({
    messageAttributes: attributes,
    messageSystemAttributes: systemAttributes,
    via: 'none',
    written: [],
    dropped,
    skipped,
  });

  const fields: Array<readonly [string, string]> = [];
  for (const name of Object.keys(carrier)) {
    const value: unknown = carrier[name];
    if (isWritableField(name, value)) fields.push([name, value]);
  }
  const first = fields[0];
  if (first === undefined) return nothing('empty-carrier', []);
  const allNames = fields.map(([name]) => name);

  const maxAttributes = normalizeLimit(options?.maxAttributes, SQS_MAX_MESSAGE_ATTRIBUTES);
  const maxBytes = normalizeLimit(options?.maxMessageBytes, SQS_MAX_MESSAGE_BYTES);
  const existing = isObject(attributes) ? attributes : undefined;

  // The exact size means a UTF-8 scan of a body of up to 256 KiB; the 3-bytes-per-unit bound
  // settles every message that is not close to the limit without it.
  const body = message.body;
  const upperBound = measure(body, existing, utf8UpperBound);
  let exactSize: number | undefined;
  const baseSize = (): number => {
    exactSize ??= sqsMessageSize(body, existing);
    return exactSize;
  };
  const fits = (added: number): boolean =>
    upperBound + added <= maxBytes || baseSize() + added <= maxBytes;

  // A message already over the limit will be rejected by SQS whatever we do; adding to it would
  // only change which error the caller sees.
  if (!fits(0)) return nothing('message-too-large', allNames);

  let freeSlots = Math.max(0, maxAttributes - (existing ? Object.keys(existing).length : 0));
  const chosen: Array<readonly [string, string]> = [];
  const addedBytes: number[] = [];
  let cumulative = 0;
  for (const field of fields) {
    const [name, value] = field;
    const replaces = existing !== undefined && hasOwn(existing, name);
    if (!replaces) {
      if (freeSlots === 0) continue;
      freeSlots -= 1;
    }
    let delta = stringAttributeSize(name, value);
    if (replaces) delta -= attributeSize(name, existing[name], utf8Bytes);
    cumulative += delta;
    chosen.push(field);
    addedBytes.push(cumulative);
  }

  let count = chosen[0] === first ? chosen.length : 0;
  while (count > 0 && !fits(addedBytes[count - 1] ?? 0)) count -= 1;

  if (count > 0) {
    const written = chosen.slice(0, count);
    const writtenNames = written.map(([name]) => name);
    return {
      messageAttributes: withStringEntries(attributes, written),
      messageSystemAttributes: systemAttributes,
      via: 'message-attributes',
      written: writtenNames,
      dropped: allNames.filter((name) => !writtenNames.includes(name)),
    };
  }

  const reason: SqsInjectSkipReason =
    chosen[0] === first ? 'message-too-large' : 'no-attribute-slot';
  if (spanContext === undefined || !isSpanContextValid(spanContext)) {
    return nothing(reason, allNames);
  }
  if (isObject(systemAttributes) && hasOwn(systemAttributes, AWS_TRACE_HEADER)) {
    return nothing('aws-trace-header-present', allNames);
  }
  const header = formatXRayTraceHeader(spanContext);
  // SQS does not count system attributes against the limit; counting it anyway costs at most
  // ~100 bytes of headroom and stays right if that ever changes.
  if (!fits(stringAttributeSize(AWS_TRACE_HEADER, header))) {
    return nothing('message-too-large', allNames);
  }
  return {
    messageAttributes: attributes,
    messageSystemAttributes: withStringEntries(systemAttributes, [[AWS_TRACE_HEADER, header]]),
    via: 'aws-trace-header',
    written: [],
    dropped: allNames,
  };
}

function readAttributeValue(attribute: unknown): string | undefined {
  if (!isObject(attribute)) return undefined;
  const stringValue = hasOwn(attribute, 'StringValue') ? attribute.StringValue : undefined;
  if (typeof stringValue === 'string') {
    return stringValue.length <= MAX_READ_VALUE_LENGTH ? stringValue : undefined;
  }
  if (stringValue !== undefined) return undefined;
  const binary = hasOwn(attribute, 'BinaryValue') ? attribute.BinaryValue : undefined;
  if (!ArrayBuffer.isView(binary) || binary.byteLength > MAX_READ_VALUE_LENGTH) return undefined;
  const bytes = new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength);
  return isUtf8(bytes) ? Buffer.from(bytes).toString('utf8') : undefined;
}

/**
 * Reads trace context out of received message attributes for `propagation.extract`. Names match
 * case-insensitively (exact match first) because other tracers write `TraceParent` and the like;
 * binary values count when they are valid UTF-8. Attributes come from the broker and are
 * untrusted: odd shapes, oversized values (over 8192) and prototype names read as absent, never
 * as an exception.
 */
export const sqsMessageAttributesGetter: TextMapGetter<SqsMessageAttributes | undefined> = {
  keys(carrier) {
    try {
      if (!isObject(carrier)) return [];
      return Object.keys(carrier).filter((name) => !FORBIDDEN_NAMES.has(name));
    } catch {
      return [];
    }
  },
  get(carrier, key) {
    try {
      if (!isObject(carrier) || typeof key !== 'string' || FORBIDDEN_NAMES.has(key)) {
        return undefined;
      }
      if (hasOwn(carrier, key)) return readAttributeValue(carrier[key]);
      const lower = key.toLowerCase();
      for (const name of Object.keys(carrier)) {
        if (!FORBIDDEN_NAMES.has(name) && name.toLowerCase() === lower) {
          return readAttributeValue(carrier[name]);
        }
      }
      return undefined;
    } catch {
      return undefined;
    }
  },
};

/**
 * The creation context of a received message: the global propagator over its message attributes,
 * else its AWSTraceHeader. Never throws, not even when the configured propagator does; a message
 * without usable context yields `source: 'none'` and the base context unchanged.
 */
export function extractSqsMessageContext(
  message: SqsReceivedMessageLike,
  base?: Context,
): {
  context: Context;
  spanContext: SpanContext | undefined;
  source: 'message-attributes' | 'aws-trace-header' | 'none';
} {
  const baseContext = base ?? context.active();
  try {
    const attributes = message.MessageAttributes;
    if (isObject(attributes)) {
      const extracted = extractContext(attributes, sqsMessageAttributesGetter, baseContext);
      if (extracted.spanContext) return { ...extracted, source: 'message-attributes' };
    }
  } catch {
    // Hostile message shapes (throwing getters, proxies) yield no context.
  }
  try {
    const systemAttributes = message.Attributes;
    if (isObject(systemAttributes) && hasOwn(systemAttributes, AWS_TRACE_HEADER)) {
      const spanContext = parseXRayTraceHeader(systemAttributes[AWS_TRACE_HEADER]);
      if (spanContext !== undefined) {
        return {
          context: trace.setSpanContext(baseContext, spanContext),
          spanContext,
          source: 'aws-trace-header',
        };
      }
    }
  } catch {
    // Hostile message shapes (throwing getters, proxies) yield no context.
  }
  return { context: baseContext, spanContext: undefined, source: 'none' };
}
