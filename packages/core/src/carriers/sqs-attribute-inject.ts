/**
 * The producer side of the SQS carrier: the propagator's fields as message attributes within
 * SQS's attribute and size limits, else the `AWSTraceHeader` system attribute.
 */
import { isSpanContextValid, type SpanContext } from '@opentelemetry/api';
import { extensibleCopy, isObject } from '../values.js';
import {
  attributeSize,
  FORBIDDEN_NAMES,
  hasOwn,
  measure,
  SQS_MAX_MESSAGE_ATTRIBUTES,
  SQS_MAX_MESSAGE_BYTES,
  type SqsMessageAttributes,
  sqsMessageSize,
  utf8Bytes,
  utf8UpperBound,
} from './sqs-attribute-size.js';
import { AWS_TRACE_HEADER, formatXRayTraceHeader } from './xray.js';

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

const STRING_DATA_TYPE = 'String';
const STRING_DATA_TYPE_BYTES = STRING_DATA_TYPE.length;

// SQS rejects the whole SendMessage call for a bad attribute name or a character outside this
// set, so a field that breaks either rule is never written (the host app's send must not fail).
const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9_.-]{1,256}$/;
const RESERVED_NAME_PREFIX_RE = /^(?:aws|amazon)\./i;
const ALLOWED_VALUE_RE = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

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

// A copy of the caller's map (or a new one) with our entries, made by `extensibleCopy` so that
// adding them follows a hidden-class transition (values.ts says why). Entries are assigned; a
// name whose inherited property refuses assignment (a frozen `Object.prototype`'s `toString`) is
// defined as an own property instead. Names given here passed `isWritableField` (never
// `__proto__`).
function withStringEntries(
  base: SqsMessageAttributes | undefined,
  entries: ReadonlyArray<readonly [string, string]>,
): SqsMessageAttributes {
  const copy: SqsMessageAttributes = isObject(base) ? extensibleCopy(base) : {};
  for (const [name, value] of entries) {
    const entry = { DataType: STRING_DATA_TYPE, StringValue: value };
    try {
      copy[name] = entry;
    } catch {
      Object.defineProperty(copy, name, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

/**
 * A carrier's writable fields, checked once: what {@link prepareSqsCarrier} returns for a carrier
 * every message of a batch shares, so that {@link injectIntoSqsMessage} does not check the same
 * fields again per message. A snapshot: later changes to the carrier object do not reach it.
 */
export class PreparedSqsCarrier {
  /** @internal */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** @internal The fields' names, in priority order. */
  readonly names: readonly string[];

  /** @internal Use {@link prepareSqsCarrier}. */
  constructor(fields: ReadonlyArray<readonly [string, string]>) {
    this.fields = fields;
    this.names = fields.map(([name]) => name);
  }
}

// The fields SQS accepts, in the carrier's order: the one place a carrier is checked, whether per
// message or once per batch through a PreparedSqsCarrier.
function writableFields(
  carrier: Readonly<Record<string, string>>,
): Array<readonly [string, string]> {
  const fields: Array<readonly [string, string]> = [];
  for (const name of Object.keys(carrier)) {
    const value: unknown = carrier[name];
    if (isWritableField(name, value)) fields.push([name, value]);
  }
  return fields;
}

/**
 * Checks a carrier's fields once for injecting it into many messages (the entries of a batch
 * that all carry the same context): `injectIntoSqsMessage(message, prepared, …)` then decides as
 * it would for the carrier itself, without checking its fields again.
 */
export function prepareSqsCarrier(carrier: Readonly<Record<string, string>>): PreparedSqsCarrier {
  return new PreparedSqsCarrier(writableFields(carrier));
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
 * `carrier` may be one {@link prepareSqsCarrier} checked already (one per batch).
 */
export function injectIntoSqsMessage(
  message: SqsMessageToInject,
  carrier: Readonly<Record<string, string>> | PreparedSqsCarrier,
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

  const prepared = carrier instanceof PreparedSqsCarrier ? carrier : undefined;
  const fields = prepared ? prepared.fields : writableFields(carrier as Record<string, string>);
  const first = fields[0];
  if (first === undefined) return nothing('empty-carrier', []);
  // New arrays per result: callers own what they are given.
  const allNames = (): string[] =>
    prepared ? prepared.names.slice() : fields.map(([name]) => name);

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
  if (!fits(0)) return nothing('message-too-large', allNames());

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
    const all = count === fields.length;
    const written = all ? chosen : chosen.slice(0, count);
    const writtenNames = all ? allNames() : written.map(([name]) => name);
    return {
      messageAttributes: withStringEntries(attributes, written),
      messageSystemAttributes: systemAttributes,
      via: 'message-attributes',
      written: writtenNames,
      dropped: all ? [] : allNames().filter((name) => !writtenNames.includes(name)),
    };
  }

  const reason: SqsInjectSkipReason =
    chosen[0] === first ? 'message-too-large' : 'no-attribute-slot';
  if (spanContext === undefined || !isSpanContextValid(spanContext)) {
    return nothing(reason, allNames());
  }
  if (isObject(systemAttributes) && hasOwn(systemAttributes, AWS_TRACE_HEADER)) {
    return nothing('aws-trace-header-present', allNames());
  }
  const header = formatXRayTraceHeader(spanContext);
  // SQS does not count system attributes against the limit; counting it anyway costs at most
  // ~100 bytes of headroom and stays right if that ever changes.
  if (!fits(stringAttributeSize(AWS_TRACE_HEADER, header))) {
    return nothing('message-too-large', allNames());
  }
  return {
    messageAttributes: attributes,
    messageSystemAttributes: withStringEntries(systemAttributes, [[AWS_TRACE_HEADER, header]]),
    via: 'aws-trace-header',
    written: [],
    dropped: allNames(),
  };
}
