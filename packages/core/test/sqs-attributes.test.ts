import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type SpanContext,
  type TextMapPropagator,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import fc from 'fast-check';
import {
  extractSqsMessageContext,
  injectIntoSqsMessage,
  prepareSqsCarrier,
  SQS_MAX_MESSAGE_ATTRIBUTES,
  SQS_MAX_MESSAGE_BYTES,
  type SqsInjectResult,
  type SqsMessageAttributes,
  type SqsMessageAttributeValue,
  type SqsMessageToInject,
  sqsMessageAttributesGetter,
  sqsMessageSize,
} from '../src/carriers/sqs-attributes.js';
import {
  AWS_TRACE_HEADER,
  formatXRayTraceHeader,
  parseXRayTraceHeader,
} from '../src/carriers/xray.js';

const SPAN_CONTEXT: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const CARRIER: Readonly<Record<string, string>> = {
  traceparent: TRACEPARENT,
  tracestate: 'rojo=00f067aa0ba902b7',
  baggage: 'k=v',
};
const XRAY_HEADER = formatXRayTraceHeader(SPAN_CONTEXT);

// SQS sizes of the attributes the tests write: name + 'String' + value.
const TRACEPARENT_BYTES = 'traceparent'.length + 6 + TRACEPARENT.length; // 72
const XRAY_BYTES = AWS_TRACE_HEADER.length + 6 + XRAY_HEADER.length; // 94

const stringAttribute = (value: string): SqsMessageAttributeValue => ({
  DataType: 'String',
  StringValue: value,
});

function existingAttributes(count: number, extra: SqsMessageAttributes = {}): SqsMessageAttributes {
  const attributes: SqsMessageAttributes = { ...extra };
  for (let i = Object.keys(attributes).length; i < count; i++) {
    attributes[`app${i}`] = stringAttribute(`value-${i}`);
  }
  return attributes;
}

// Typed-array views cannot be frozen (their elements are not properties); everything else is.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}

/** Runs inject on a deep-frozen message and checks it is deep-equal to a clone taken before. */
function injectFrozen(
  message: SqsMessageToInject,
  carrier: Readonly<Record<string, string>> = CARRIER,
  spanContext: SpanContext | undefined = SPAN_CONTEXT,
  options?: Parameters<typeof injectIntoSqsMessage>[3],
): SqsInjectResult {
  const before = structuredClone(message);
  deepFreeze(message);
  const result = injectIntoSqsMessage(message, carrier, spanContext, options);
  expect(message).toEqual(before);
  return result;
}

/** The size the message will have once the result is applied, system attribute included. */
function sizeAfter(body: string | undefined, result: SqsInjectResult): number {
  const header = result.messageSystemAttributes?.[AWS_TRACE_HEADER]?.StringValue;
  const headerBytes =
    result.via === 'aws-trace-header' && header !== undefined
      ? AWS_TRACE_HEADER.length + 6 + header.length
      : 0;
  return sqsMessageSize(body, result.messageAttributes) + headerBytes;
}

describe('constants', () => {
  it('match the SQS quotas', () => {
    expect(SQS_MAX_MESSAGE_ATTRIBUTES).toBe(10);
    expect(SQS_MAX_MESSAGE_BYTES).toBe(256 * 1024);
  });
});

describe('sqsMessageSize', () => {
  it.each<[string, string | undefined, SqsMessageAttributes | undefined, number]>([
    ['nothing', undefined, undefined, 0],
    ['an ASCII body', 'hello', undefined, 5],
    ['a 2-byte character', 'héllo', undefined, 6],
    ['a 3-byte character', '€', undefined, 3],
    ['a 4-byte character (surrogate pair)', '😀', undefined, 4],
    ['a string attribute', '', { k: stringAttribute('v') }, 1 + 6 + 1],
    ['a multibyte attribute name and value', '', { ké: stringAttribute('€') }, 3 + 6 + 3],
    [
      'a binary attribute',
      'ab',
      { bin: { DataType: 'Binary', BinaryValue: new Uint8Array(10) } },
      2 + 3 + 6 + 10,
    ],
    [
      'list values',
      '',
      {
        l: {
          DataType: 'String.List',
          StringListValues: ['ab', 'é'],
          BinaryListValues: [new Uint8Array(3), Buffer.alloc(4)],
        },
      },
      1 + 11 + 2 + 2 + 3 + 4,
    ],
    ['an attribute with no DataType', '', { n: { StringValue: 'x' } }, 1 + 1],
  ])('counts %s', (_name, body, attributes, expected) => {
    expect(sqsMessageSize(body, attributes)).toBe(expected);
  });

  it('ignores values of the wrong shape instead of throwing', () => {
    const attributes = {
      a: null,
      b: 'string',
      c: { DataType: 7, StringValue: {}, BinaryValue: 'x', StringListValues: [1, 'ab'] },
    } as unknown as SqsMessageAttributes;
    expect(sqsMessageSize('x', attributes)).toBe(1 + 1 + 1 + 1 + 2);
  });
});

describe('injectIntoSqsMessage: attribute budget', () => {
  it.each<[number, string[]]>([
    [0, ['traceparent', 'tracestate', 'baggage']],
    [1, ['traceparent', 'tracestate', 'baggage']],
    [2, ['traceparent', 'tracestate', 'baggage']],
    [3, ['traceparent', 'tracestate', 'baggage']],
    [4, ['traceparent', 'tracestate', 'baggage']],
    [5, ['traceparent', 'tracestate', 'baggage']],
    [6, ['traceparent', 'tracestate', 'baggage']],
    [7, ['traceparent', 'tracestate', 'baggage']],
    [8, ['traceparent', 'tracestate']],
    [9, ['traceparent']],
  ])('with %i existing attributes writes %j', (existingCount, written) => {
    const original = existingAttributes(existingCount);
    const result = injectFrozen({ body: 'hi', messageAttributes: original });
    expect(result.via).toBe('message-attributes');
    expect(result.written).toEqual(written);
    expect(result.dropped).toEqual(
      ['traceparent', 'tracestate', 'baggage'].filter((f) => !written.includes(f)),
    );
    expect(result.skipped).toBeUndefined();
    expect(result.messageAttributes).not.toBe(original);
    expect(result.messageAttributes).toEqual({
      ...original,
      ...Object.fromEntries(written.map((f) => [f, stringAttribute(CARRIER[f] ?? '')])),
    });
    expect(Object.keys(result.messageAttributes ?? {})).toHaveLength(
      Math.min(10, existingCount + 3),
    );
    expect(result.messageSystemAttributes).toBeUndefined();
  });

  it('writes when the caller has no attribute map at all', () => {
    const result = injectFrozen({ body: 'hi' });
    expect(result.messageAttributes).toEqual({
      traceparent: stringAttribute(TRACEPARENT),
      tracestate: stringAttribute('rojo=00f067aa0ba902b7'),
      baggage: stringAttribute('k=v'),
    });
  });

  it.each([10, 11, 12])(
    'with %i existing attributes falls back to AWSTraceHeader',
    (existingCount) => {
      const attributes = existingAttributes(existingCount);
      const systemAttributes: SqsMessageAttributes = { Other: stringAttribute('kept') };
      const result = injectFrozen({
        body: 'hi',
        messageAttributes: attributes,
        messageSystemAttributes: systemAttributes,
      });
      expect(result.via).toBe('aws-trace-header');
      expect(result.written).toEqual([]);
      expect(result.dropped).toEqual(['traceparent', 'tracestate', 'baggage']);
      expect(result.skipped).toBeUndefined();
      expect(result.messageAttributes).toBe(attributes);
      expect(result.messageSystemAttributes).not.toBe(systemAttributes);
      expect(result.messageSystemAttributes).toEqual({
        Other: stringAttribute('kept'),
        [AWS_TRACE_HEADER]: stringAttribute(XRAY_HEADER),
      });
      expect(parseXRayTraceHeader(XRAY_HEADER)).toEqual({ ...SPAN_CONTEXT, isRemote: true });
    },
  );

  it('overwrites a stale traceparent in place when all 10 slots are taken, without fallback', () => {
    const original = existingAttributes(10, { traceparent: stringAttribute('00-stale') });
    const result = injectFrozen({ body: 'hi', messageAttributes: original });
    expect(result.via).toBe('message-attributes');
    expect(result.written).toEqual(['traceparent']);
    expect(result.dropped).toEqual(['tracestate', 'baggage']);
    expect(result.messageSystemAttributes).toBeUndefined();
    expect(result.messageAttributes?.traceparent).toEqual(stringAttribute(TRACEPARENT));
    expect(Object.keys(result.messageAttributes ?? {})).toEqual(Object.keys(original));
    expect(original.traceparent?.StringValue).toBe('00-stale');
  });

  it('still replaces a stale lower-priority field after a middle field found no slot', () => {
    const original = existingAttributes(9, { baggage: stringAttribute('old=1') });
    const result = injectFrozen({ body: 'hi', messageAttributes: original });
    expect(result.written).toEqual(['traceparent', 'baggage']);
    expect(result.dropped).toEqual(['tracestate']);
    expect(result.messageAttributes?.baggage).toEqual(stringAttribute('k=v'));
    expect(Object.keys(result.messageAttributes ?? {})).toHaveLength(10);
  });

  it('honours a lower maxAttributes', () => {
    const result = injectFrozen(
      { body: 'hi', messageAttributes: existingAttributes(6) },
      CARRIER,
      SPAN_CONTEXT,
      {
        maxAttributes: 7,
      },
    );
    expect(result.written).toEqual(['traceparent']);
    const none = injectFrozen({ body: 'hi' }, CARRIER, SPAN_CONTEXT, { maxAttributes: 0 });
    expect(none.via).toBe('aws-trace-header');
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])(
    'treats maxAttributes %p as the default',
    (maxAttributes) => {
      const result = injectFrozen(
        { body: 'hi', messageAttributes: existingAttributes(9) },
        CARRIER,
        SPAN_CONTEXT,
        { maxAttributes, maxMessageBytes: Number.NaN },
      );
      expect(result.written).toEqual(['traceparent']);
    },
  );
});

describe('injectIntoSqsMessage: carrier fields', () => {
  it('skips empty fields and keeps priority order', () => {
    const result = injectFrozen(
      { body: 'hi', messageAttributes: existingAttributes(8) },
      { traceparent: TRACEPARENT, tracestate: '', baggage: 'k=v' },
    );
    expect(result.written).toEqual(['traceparent', 'baggage']);
    expect(result.dropped).toEqual([]);
    expect(result.messageAttributes).not.toHaveProperty('tracestate');
  });

  it.each<[string, Record<string, string>]>([
    ['an empty carrier', {}],
    ['only empty values', { traceparent: '', tracestate: '', baggage: '' }],
  ])('does nothing for %s and returns the caller references', (_name, carrier) => {
    const attributes = existingAttributes(10);
    const systemAttributes: SqsMessageAttributes = {};
    const result = injectFrozen(
      { body: 'hi', messageAttributes: attributes, messageSystemAttributes: systemAttributes },
      carrier,
    );
    expect(result).toEqual({
      messageAttributes: attributes,
      messageSystemAttributes: systemAttributes,
      via: 'none',
      written: [],
      dropped: [],
      skipped: 'empty-carrier',
    });
    expect(result.messageAttributes).toBe(attributes);
    expect(result.messageSystemAttributes).toBe(systemAttributes);
  });

  it('ignores fields SQS would reject, since a rejected attribute fails the whole send', () => {
    const result = injectFrozen(
      { body: 'hi' },
      {
        'AWS.trace': 'x',
        'amazon.x': 'x',
        'has space': 'x',
        '.leading': 'x',
        'trailing.': 'x',
        'double..dot': 'x',
        ['n'.repeat(257)]: 'x',
        __proto__: 'x',
        constructor: 'x',
        nul: 'a\u0000b',
        lone: '\uD800',
        traceparent: TRACEPARENT,
        'x-b3.ok_Name-1': 'é😀',
      },
    );
    expect(result.written).toEqual(['traceparent', 'x-b3.ok_Name-1']);
    expect(Object.getPrototypeOf(result.messageAttributes)).toBe(Object.prototype);
  });

  it('keeps an own __proto__ entry of the caller map as plain data', () => {
    const attributes = JSON.parse(
      '{"__proto__": {"DataType": "String", "StringValue": "x"}}',
    ) as SqsMessageAttributes;
    const result = injectFrozen({ body: 'hi', messageAttributes: attributes });
    const copy = result.messageAttributes ?? {};
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'traceparent', 'tracestate', 'baggage']);
  });
});

describe('injectIntoSqsMessage: AWSTraceHeader fallback', () => {
  it('leaves an AWSTraceHeader the caller already set', () => {
    const attributes = existingAttributes(10);
    const systemAttributes: SqsMessageAttributes = {
      [AWS_TRACE_HEADER]: stringAttribute('Root=1-5759e988-bd862e3fe1be46a994272793'),
    };
    const result = injectFrozen({
      body: 'hi',
      messageAttributes: attributes,
      messageSystemAttributes: systemAttributes,
    });
    expect(result.via).toBe('none');
    expect(result.skipped).toBe('aws-trace-header-present');
    expect(result.messageAttributes).toBe(attributes);
    expect(result.messageSystemAttributes).toBe(systemAttributes);
  });

  it('does not touch an existing AWSTraceHeader when the attributes fit', () => {
    const systemAttributes: SqsMessageAttributes = { [AWS_TRACE_HEADER]: stringAttribute('x') };
    const result = injectFrozen({ body: 'hi', messageSystemAttributes: systemAttributes });
    expect(result.via).toBe('message-attributes');
    expect(result.messageSystemAttributes).toBe(systemAttributes);
  });

  it.each<[string, SpanContext | undefined]>([
    ['no span context', undefined],
    ['an invalid span context', { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 }],
  ])('needs a valid span context: with %s it skips (no-attribute-slot)', (_name, spanContext) => {
    const attributes = deepFreeze(existingAttributes(10));
    const result = injectIntoSqsMessage(
      { body: 'hi', messageAttributes: attributes },
      CARRIER,
      spanContext,
    );
    expect(result.via).toBe('none');
    expect(result.skipped).toBe('no-attribute-slot');
    expect(result.messageAttributes).toBe(attributes);
    expect(result.messageSystemAttributes).toBeUndefined();
    expect(result.dropped).toEqual(['traceparent', 'tracestate', 'baggage']);
  });
});

describe('injectIntoSqsMessage: size limit', () => {
  it('writes everything when the body leaves room', () => {
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - 1000);
    expect(injectFrozen({ body }).written).toEqual(['traceparent', 'tracestate', 'baggage']);
  });

  it('writes only traceparent into a body that leaves room for exactly that', () => {
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - TRACEPARENT_BYTES);
    const result = injectFrozen({ body });
    expect(result.via).toBe('message-attributes');
    expect(result.written).toEqual(['traceparent']);
    expect(result.dropped).toEqual(['tracestate', 'baggage']);
    expect(sizeAfter(body, result)).toBe(SQS_MAX_MESSAGE_BYTES);
  });

  it('falls back to AWSTraceHeader when the first field does not fit but the header does', () => {
    const carrier = { 'uber-trace-id': 'a'.repeat(150) };
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - XRAY_BYTES);
    const result = injectFrozen({ body }, carrier);
    expect(result.via).toBe('aws-trace-header');
    expect(result.dropped).toEqual(['uber-trace-id']);
    expect(result.messageSystemAttributes).toEqual({
      [AWS_TRACE_HEADER]: stringAttribute(XRAY_HEADER),
    });
    expect(sizeAfter(body, result)).toBe(SQS_MAX_MESSAGE_BYTES);
  });

  it.each([
    ['a byte short for traceparent', TRACEPARENT_BYTES - 1],
    ['no room at all', 0],
  ])('adds nothing when there is %s (the header is larger still)', (_name, room) => {
    const attributes: SqsMessageAttributes = {};
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - room);
    const result = injectFrozen({ body, messageAttributes: attributes });
    expect(result).toEqual({
      messageAttributes: attributes,
      messageSystemAttributes: undefined,
      via: 'none',
      written: [],
      dropped: ['traceparent', 'tracestate', 'baggage'],
      skipped: 'message-too-large',
    });
    expect(result.messageAttributes).toBe(attributes);
  });

  it('adds nothing to a message that is already over the limit', () => {
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES + 1);
    const result = injectFrozen({ body });
    expect(result.via).toBe('none');
    expect(result.skipped).toBe('message-too-large');
    expect(result.messageSystemAttributes).toBeUndefined();
  });

  it('counts a multibyte body in bytes, not characters', () => {
    const fitting = 'é'.repeat((SQS_MAX_MESSAGE_BYTES - TRACEPARENT_BYTES) / 2);
    expect(injectFrozen({ body: fitting }).written).toEqual(['traceparent']);
    const overflowing = 'é'.repeat((SQS_MAX_MESSAGE_BYTES - TRACEPARENT_BYTES) / 2 + 1);
    expect(overflowing.length).toBeLessThan(SQS_MAX_MESSAGE_BYTES / 2);
    expect(injectFrozen({ body: overflowing }).skipped).toBe('message-too-large');
    const emoji = '😀'.repeat((SQS_MAX_MESSAGE_BYTES - TRACEPARENT_BYTES) / 4);
    expect(sizeAfter(emoji, injectFrozen({ body: emoji }))).toBe(SQS_MAX_MESSAGE_BYTES);
  });

  it('counts existing attributes, including binary ones', () => {
    const attributes: SqsMessageAttributes = {
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array(1000) },
    };
    const room = TRACEPARENT_BYTES + 10;
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - sqsMessageSize('', attributes) - room);
    const result = injectFrozen({ body, messageAttributes: attributes });
    expect(result.written).toEqual(['traceparent']);
  });

  it('counts only the growth when replacing a stale value', () => {
    const attributes: SqsMessageAttributes = { traceparent: stringAttribute('x'.repeat(55)) };
    const body = 'x'.repeat(SQS_MAX_MESSAGE_BYTES - sqsMessageSize('', attributes));
    const result = injectFrozen({ body, messageAttributes: attributes });
    expect(result.written).toEqual(['traceparent']);
    expect(sizeAfter(body, result)).toBe(SQS_MAX_MESSAGE_BYTES);
  });

  it('honours a custom maxMessageBytes', () => {
    const result = injectFrozen({ body: 'x'.repeat(1000) }, CARRIER, SPAN_CONTEXT, {
      maxMessageBytes: 1000 + TRACEPARENT_BYTES,
    });
    expect(result.written).toEqual(['traceparent']);
  });
});

describe('injectIntoSqsMessage: property', () => {
  const attributeValue: fc.Arbitrary<SqsMessageAttributeValue> = fc.record(
    {
      DataType: fc.constantFrom('String', 'Number', 'Binary', 'String.custom'),
      StringValue: fc.string({ unit: 'binary', maxLength: 40 }),
      BinaryValue: fc.uint8Array({ maxLength: 40 }),
      StringListValues: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
  const attributeName = fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom(
      'traceparent',
      'tracestate',
      'baggage',
      'TraceParent',
      '__proto__',
      'constructor',
    ),
  );
  const carrier = fc.oneof(
    fc.constant(CARRIER),
    fc.record({
      traceparent: fc.constantFrom(TRACEPARENT, ''),
      tracestate: fc.string({ maxLength: 30 }),
      baggage: fc.string({ unit: 'binary', maxLength: 60 }),
    }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 80 }), { maxKeys: 5 }),
  );
  const spanContext = fc.option(fc.constant(SPAN_CONTEXT), { nil: undefined });

  function check(
    message: SqsMessageToInject,
    carrierValue: Record<string, string>,
    sc: SpanContext | undefined,
    maxMessageBytes: number,
  ): void {
    const before = structuredClone(message);
    const existingCount = Object.keys(message.messageAttributes ?? {}).length;
    const sizeBefore = sqsMessageSize(message.body, message.messageAttributes);
    deepFreeze(message);
    const result = injectIntoSqsMessage(message, carrierValue, sc, { maxMessageBytes });
    expect(message).toEqual(before);
    expect(Object.keys(result.messageAttributes ?? {}).length).toBeLessThanOrEqual(
      Math.max(SQS_MAX_MESSAGE_ATTRIBUTES, existingCount),
    );
    if (sizeBefore <= maxMessageBytes) {
      expect(sizeAfter(message.body, result)).toBeLessThanOrEqual(maxMessageBytes);
    } else {
      expect(result.messageAttributes).toBe(message.messageAttributes);
      expect(result.messageSystemAttributes).toBe(message.messageSystemAttributes);
    }
    if (result.via === 'none') {
      expect(result.messageAttributes).toBe(message.messageAttributes);
      expect(result.messageSystemAttributes).toBe(message.messageSystemAttributes);
    }
  }

  it('never throws, never mutates, never exceeds the attribute count or the size limit', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'binary', maxLength: 400 }), { nil: undefined }),
        fc.option(fc.dictionary(attributeName, attributeValue, { maxKeys: 12 }), {
          nil: undefined,
        }),
        fc.option(
          fc.constantFrom<SqsMessageAttributes>({}, { [AWS_TRACE_HEADER]: stringAttribute('x') }),
          { nil: undefined },
        ),
        carrier,
        spanContext,
        fc.integer({ min: 0, max: 1500 }),
        (body, attributes, systemAttributes, carrierValue, sc, maxMessageBytes) => {
          check(
            { body, messageAttributes: attributes, messageSystemAttributes: systemAttributes },
            carrierValue,
            sc,
            maxMessageBytes,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('holds for bodies around the real 256 KiB limit', () => {
    const big = 'x'.repeat(SQS_MAX_MESSAGE_BYTES);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.dictionary(attributeName, attributeValue, { maxKeys: 12 }), {
          nil: undefined,
        }),
        carrier,
        spanContext,
        (room, attributes, carrierValue, sc) => {
          check(
            { body: big.slice(room), messageAttributes: attributes },
            carrierValue,
            sc,
            SQS_MAX_MESSAGE_BYTES,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('injectIntoSqsMessage with a prepared carrier (once per batch)', () => {
  const carrier = fc.oneof(
    fc.constant(CARRIER),
    fc.record({
      traceparent: fc.constantFrom(TRACEPARENT, '', 'bad\u0000value'),
      tracestate: fc.string({ unit: 'binary', maxLength: 30 }),
      baggage: fc.string({ unit: 'binary', maxLength: 60 }),
    }),
    fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('__proto__', 'constructor', 'aws.x', 'a..b', '.x', 'ok.name'),
      ),
      fc.string({ unit: 'binary', maxLength: 80 }),
      { maxKeys: 6 },
    ),
  );
  const attributes = fc.option(
    fc.dictionary(
      fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('traceparent')),
      fc.constant(stringAttribute('v')),
      { maxKeys: 11 },
    ),
    { nil: undefined },
  );

  it('decides exactly as the carrier itself would, hostile fields included', () => {
    fc.assert(
      fc.property(
        carrier,
        fc.array(fc.tuple(fc.string({ maxLength: 300 }), attributes), { maxLength: 4 }),
        fc.integer({ min: 0, max: 600 }),
        (carrierValue, messages, maxMessageBytes) => {
          const prepared = prepareSqsCarrier(carrierValue);
          for (const [body, messageAttributes] of messages) {
            const message = { body, messageAttributes };
            const options = { maxMessageBytes };
            expect(injectIntoSqsMessage(message, prepared, SPAN_CONTEXT, options)).toEqual(
              injectIntoSqsMessage(message, carrierValue, SPAN_CONTEXT, options),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is a snapshot: changing the carrier afterwards changes nothing, results are not shared', () => {
    const carrierValue: Record<string, string> = { traceparent: TRACEPARENT };
    const prepared = prepareSqsCarrier(carrierValue);
    carrierValue.traceparent = 'changed';
    carrierValue.extra = 'x';
    const first = injectIntoSqsMessage({ body: 'a' }, prepared, SPAN_CONTEXT);
    const second = injectIntoSqsMessage({ body: 'b' }, prepared, SPAN_CONTEXT);
    expect(first.written).toEqual(['traceparent']);
    expect(first.messageAttributes?.traceparent?.StringValue).toBe(TRACEPARENT);
    expect(second.written).not.toBe(first.written);
    expect(second.messageAttributes).not.toBe(first.messageAttributes);
    expect(second.messageAttributes?.traceparent).not.toBe(first.messageAttributes?.traceparent);
  });

  it('never admits a field the carrier check rejects', () => {
    const prepared = prepareSqsCarrier({
      traceparent: TRACEPARENT,
      'aws.reserved': 'x',
      'bad name': 'x',
      control: 'a\u0001b',
      ['__proto__']: 'x',
      empty: '',
    } as Record<string, string>);
    const result = injectIntoSqsMessage({ body: 'x' }, prepared, SPAN_CONTEXT);
    expect(result.written).toEqual(['traceparent']);
    expect(Object.keys(result.messageAttributes ?? {})).toEqual(['traceparent']);
  });
});

describe('injectIntoSqsMessage: the copy of the caller map', () => {
  it('falls back to defining entries when assignment would throw (frozen prototype keys)', () => {
    Object.defineProperty(Object.prototype, 'msgtraceFrozenKey', {
      value: 'inherited',
      writable: false,
      configurable: true,
    });
    try {
      const attributes = JSON.parse(
        '{"msgtraceFrozenKey": {"DataType": "String", "StringValue": "own"}}',
      ) as SqsMessageAttributes;
      const result = injectFrozen({ body: 'hi', messageAttributes: attributes });
      const copy = result.messageAttributes ?? {};
      expect(Object.keys(copy)).toEqual([
        'msgtraceFrozenKey',
        'traceparent',
        'tracestate',
        'baggage',
      ]);
      expect(copy.msgtraceFrozenKey).toEqual(stringAttribute('own'));
    } finally {
      delete (Object.prototype as Record<string, unknown>).msgtraceFrozenKey;
    }
  });

  it('defines an entry whose name a frozen prototype has, instead of assigning it', () => {
    Object.defineProperty(Object.prototype, 'msgtraceFrozenField', {
      value: 'inherited',
      writable: false,
      configurable: true,
    });
    try {
      const result = injectIntoSqsMessage(
        { body: 'hi' },
        { traceparent: TRACEPARENT, msgtraceFrozenField: 'ours' },
        SPAN_CONTEXT,
      );
      const copy = result.messageAttributes ?? {};
      expect(result.written).toEqual(['traceparent', 'msgtraceFrozenField']);
      expect(Object.hasOwn(copy, 'msgtraceFrozenField')).toBe(true);
      expect(copy.msgtraceFrozenField).toEqual(stringAttribute('ours'));
    } finally {
      delete (Object.prototype as Record<string, unknown>).msgtraceFrozenField;
    }
  });

  it('copies symbol-keyed entries as a spread would', () => {
    const marker = Symbol('marker');
    const attributes = {
      app: stringAttribute('a'),
      [marker]: 1,
    } as unknown as SqsMessageAttributes;
    const result = injectIntoSqsMessage(
      { body: 'hi', messageAttributes: attributes },
      CARRIER,
      SPAN_CONTEXT,
    );
    expect((result.messageAttributes as unknown as Record<symbol, unknown>)[marker]).toBe(1);
    expect(Object.keys(attributes)).toEqual(['app']);
    expect(Object.keys(result.messageAttributes ?? {})[0]).toBe('app');
  });
});

describe('sqsMessageAttributesGetter', () => {
  const getter = sqsMessageAttributesGetter;

  it('lists the attribute names', () => {
    expect(getter.keys({ a: stringAttribute('1'), B: stringAttribute('2') })).toEqual(['a', 'B']);
    expect(getter.keys(undefined)).toEqual([]);
    expect(getter.keys('x' as unknown as SqsMessageAttributes)).toEqual([]);
  });

  it('reads string values, exact name first, then case-insensitively', () => {
    const carrier = { TraceParent: stringAttribute('upper'), baggage: stringAttribute('b') };
    expect(getter.get(carrier, 'traceparent')).toBe('upper');
    expect(getter.get(carrier, 'TRACEPARENT')).toBe('upper');
    expect(getter.get(carrier, 'baggage')).toBe('b');
    expect(getter.get({ ...carrier, traceparent: stringAttribute('exact') }, 'traceparent')).toBe(
      'exact',
    );
    expect(getter.get(carrier, 'tracestate')).toBeUndefined();
  });

  it.each<[string, SqsMessageAttributeValue, string | undefined]>([
    [
      'UTF-8 binary',
      { DataType: 'Binary', BinaryValue: new TextEncoder().encode('héllo') },
      'héllo',
    ],
    ['a Buffer', { DataType: 'Binary', BinaryValue: Buffer.from('abc') }, 'abc'],
    ['an empty binary value', { DataType: 'Binary', BinaryValue: new Uint8Array(0) }, ''],
    [
      'invalid UTF-8',
      { DataType: 'Binary', BinaryValue: new Uint8Array([0x61, 0xff, 0x62]) },
      undefined,
    ],
    [
      'a truncated multibyte sequence',
      { DataType: 'Binary', BinaryValue: new Uint8Array([0xc3]) },
      undefined,
    ],
    [
      'binary of exactly 8192 bytes',
      { BinaryValue: new Uint8Array(8192).fill(0x61) },
      'a'.repeat(8192),
    ],
    ['binary over 8192 bytes', { BinaryValue: new Uint8Array(8193).fill(0x61) }, undefined],
    ['a string of exactly 8192 characters', stringAttribute('a'.repeat(8192)), 'a'.repeat(8192)],
    ['a string over 8192 characters', stringAttribute('a'.repeat(8193)), undefined],
    ['no value at all', { DataType: 'String' }, undefined],
    ['a list value', { DataType: 'String.List', StringListValues: ['a'] }, undefined],
  ])('reads %s', (_name, value, expected) => {
    expect(getter.get({ key: value }, 'key')).toBe(expected);
  });

  it('reads a binary value through its view offsets', () => {
    const backing = Buffer.from('xxabcxx');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 3);
    expect(getter.get({ key: { BinaryValue: view } }, 'key')).toBe('abc');
  });

  it.each<[string, unknown, string]>([
    ['an undefined carrier', undefined, 'traceparent'],
    ['a null carrier', null, 'traceparent'],
    ['a string carrier', 'traceparent', 'traceparent'],
    ['a number carrier', 7, 'traceparent'],
    ['a null attribute', { traceparent: null }, 'traceparent'],
    ['a string attribute', { traceparent: 'raw' }, 'traceparent'],
    ['a numeric StringValue', { traceparent: { StringValue: 7 } }, 'traceparent'],
    [
      'an object StringValue',
      { traceparent: { StringValue: { toString: () => 'x' } } },
      'traceparent',
    ],
    [
      'a non-string StringValue next to valid binary',
      { t: { StringValue: 1, BinaryValue: Buffer.from('a') } },
      't',
    ],
    ['a string BinaryValue', { traceparent: { BinaryValue: 'abc' } }, 'traceparent'],
    [
      'an inherited StringValue',
      { traceparent: Object.create({ StringValue: 'x' }) },
      'traceparent',
    ],
    ['an inherited attribute', Object.create({ traceparent: stringAttribute('x') }), 'traceparent'],
    ['constructor', {}, 'constructor'],
    ['toString', {}, 'toString'],
    ['hasOwnProperty', {}, 'hasOwnProperty'],
    ['__proto__', {}, '__proto__'],
    ['an own __proto__ attribute', JSON.parse('{"__proto__":{"StringValue":"x"}}'), '__proto__'],
    ['a case variant of an own constructor', { constructor: stringAttribute('x') }, 'Constructor'],
    ['an own constructor attribute', { constructor: stringAttribute('x') }, 'constructor'],
    [
      'a throwing StringValue getter',
      {
        traceparent: Object.defineProperty({}, 'StringValue', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        }),
      },
      'traceparent',
    ],
    [
      'a proxy that throws',
      new Proxy(
        {},
        {
          has() {
            throw new Error('boom');
          },
          getOwnPropertyDescriptor() {
            throw new Error('boom');
          },
          ownKeys() {
            throw new Error('boom');
          },
        },
      ),
      'traceparent',
    ],
  ])('yields undefined for %s', (_name, carrier, key) => {
    expect(getter.get(carrier as SqsMessageAttributes, key)).toBeUndefined();
  });

  it('lists nothing for a proxy whose keys throw, and never lists prototype names', () => {
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(getter.keys(proxy)).toEqual([]);
    expect(getter.keys(JSON.parse('{"__proto__":{},"a":{}}'))).toEqual(['a']);
  });
});

describe('extractSqsMessageContext', () => {
  const w3c = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
  });
  const other: SpanContext = {
    traceId: '11111111111111111111111111111111',
    spanId: '2222222222222222',
    traceFlags: TraceFlags.SAMPLED,
  };
  const activeBase = trace.setSpanContext(ROOT_CONTEXT, other);

  function injectedMessage(): { MessageAttributes: SqsMessageAttributes | undefined } {
    const carrier: Record<string, string> = {};
    const ctx = propagation.setBaggage(
      trace.setSpanContext(ROOT_CONTEXT, SPAN_CONTEXT),
      propagation.createBaggage({ tenant: { value: 'acme' } }),
    );
    propagation.inject(ctx, carrier);
    return {
      MessageAttributes: injectIntoSqsMessage({ body: 'hi' }, carrier, SPAN_CONTEXT)
        .messageAttributes,
    };
  }

  describe('with the W3C propagators', () => {
    beforeAll(() => {
      propagation.setGlobalPropagator(w3c);
    });
    afterAll(() => {
      propagation.disable();
    });

    it('reads trace context and baggage from message attributes written by inject', () => {
      const message = injectedMessage();
      expect(Object.keys(message.MessageAttributes ?? {})).toEqual(['traceparent', 'baggage']);
      const result = extractSqsMessageContext(message, ROOT_CONTEXT);
      expect(result.source).toBe('message-attributes');
      expect(result.spanContext).toEqual({ ...SPAN_CONTEXT, isRemote: true });
      expect(trace.getSpanContext(result.context)).toEqual(result.spanContext);
      expect(propagation.getBaggage(result.context)?.getEntry('tenant')?.value).toBe('acme');
    });

    it('prefers message attributes over AWSTraceHeader', () => {
      const result = extractSqsMessageContext({
        ...injectedMessage(),
        Attributes: { [AWS_TRACE_HEADER]: formatXRayTraceHeader(other) },
      });
      expect(result.source).toBe('message-attributes');
      expect(result.spanContext?.traceId).toBe(SPAN_CONTEXT.traceId);
    });

    it('reads attributes written under other casings or as binary', () => {
      const result = extractSqsMessageContext({
        MessageAttributes: {
          TraceParent: { DataType: 'Binary', BinaryValue: Buffer.from(TRACEPARENT) },
        },
      });
      expect(result.source).toBe('message-attributes');
      expect(result.spanContext?.spanId).toBe(SPAN_CONTEXT.spanId);
    });

    it('falls back to AWSTraceHeader when the attributes carry no context', () => {
      const result = extractSqsMessageContext(
        {
          MessageAttributes: { app: stringAttribute('x') },
          Attributes: { [AWS_TRACE_HEADER]: XRAY_HEADER, SentTimestamp: '1' },
        },
        ROOT_CONTEXT,
      );
      expect(result.source).toBe('aws-trace-header');
      expect(result.spanContext).toEqual({ ...SPAN_CONTEXT, isRemote: true });
      expect(trace.getSpanContext(result.context)).toEqual(result.spanContext);
    });

    it('reads AWSTraceHeader alone, with the active context as the default base', () => {
      const result = context.with(activeBase, () =>
        extractSqsMessageContext({ Attributes: { [AWS_TRACE_HEADER]: XRAY_HEADER } }),
      );
      expect(result.source).toBe('aws-trace-header');
      expect(result.spanContext?.traceId).toBe(SPAN_CONTEXT.traceId);
    });

    it('does not mistake the base context span for the message context', () => {
      const result = extractSqsMessageContext({ MessageAttributes: {} }, activeBase);
      expect(result).toEqual({ context: activeBase, spanContext: undefined, source: 'none' });
      expect(result.context).toBe(activeBase);
    });

    it.each<[string, Parameters<typeof extractSqsMessageContext>[0]]>([
      ['an empty message', {}],
      [
        'garbage attributes',
        {
          MessageAttributes: { traceparent: stringAttribute('garbage') },
          Attributes: { [AWS_TRACE_HEADER]: 'garbage' },
        },
      ],
      [
        'an all-zero traceparent',
        {
          MessageAttributes: {
            traceparent: stringAttribute(`00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`),
          },
        },
      ],
      [
        'a non-string AWSTraceHeader',
        { Attributes: { [AWS_TRACE_HEADER]: 42 as unknown as string } },
      ],
      [
        'non-object maps',
        {
          MessageAttributes: 'x' as unknown as SqsMessageAttributes,
          Attributes: 7 as unknown as Record<string, string>,
        },
      ],
      [
        'an inherited AWSTraceHeader',
        { Attributes: Object.create({ [AWS_TRACE_HEADER]: XRAY_HEADER }) },
      ],
    ])('yields no context for %s', (_name, message) => {
      const base: Context = ROOT_CONTEXT.setValue(Symbol('marker'), 1);
      const result = extractSqsMessageContext(message, base);
      expect(result.source).toBe('none');
      expect(result.spanContext).toBeUndefined();
      expect(result.context).toBe(base);
    });
  });

  describe('with a propagator that throws', () => {
    const throwing: TextMapPropagator = {
      inject() {
        throw new Error('inject');
      },
      extract() {
        throw new Error('extract');
      },
      fields() {
        return ['traceparent'];
      },
    };
    beforeAll(() => {
      propagation.setGlobalPropagator(throwing);
    });
    afterAll(() => {
      propagation.disable();
    });

    it('still reads AWSTraceHeader', () => {
      const result = extractSqsMessageContext({
        MessageAttributes: { traceparent: stringAttribute(TRACEPARENT) },
        Attributes: { [AWS_TRACE_HEADER]: XRAY_HEADER },
      });
      expect(result.source).toBe('aws-trace-header');
    });

    it('returns no context without throwing', () => {
      const result = extractSqsMessageContext(
        { MessageAttributes: { traceparent: stringAttribute(TRACEPARENT) } },
        ROOT_CONTEXT,
      );
      expect(result).toEqual({ context: ROOT_CONTEXT, spanContext: undefined, source: 'none' });
    });
  });

  it('reads AWSTraceHeader when no propagator is configured', () => {
    const result = extractSqsMessageContext({
      MessageAttributes: { traceparent: stringAttribute(TRACEPARENT) },
      Attributes: { [AWS_TRACE_HEADER]: XRAY_HEADER },
    });
    expect(result.source).toBe('aws-trace-header');
  });

  it('survives a message whose properties throw', () => {
    const message = Object.defineProperties(
      {},
      {
        MessageAttributes: {
          get() {
            throw new Error('boom');
          },
        },
        Attributes: {
          get() {
            throw new Error('boom');
          },
        },
      },
    );
    expect(extractSqsMessageContext(message, ROOT_CONTEXT).source).toBe('none');
  });
});
