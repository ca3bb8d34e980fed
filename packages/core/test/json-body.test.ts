import { Buffer } from 'node:buffer';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_JSON_BODY_KEY,
  injectIntoJsonBody,
  type JsonBodyData,
  type JsonBodyReadOptions,
  KINESIS_MAX_RECORD_BYTES,
  prepareJsonBodyCarrier,
  readJsonBody,
} from '../src/carriers/json-body';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const CARRIER = { traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE' };
const VALUE = JSON.stringify(CARRIER);
const MEMBER = `"_msgtrace":${VALUE}`;
const DD = '{"x-datadog-trace-id":"123","x-datadog-parent-id":"456","n":5,"o":{"p":"q"}}';
const DD_CARRIER = { 'x-datadog-trace-id': '123', 'x-datadog-parent-id': '456' };

type Kind = readonly [name: string, make: (text: string) => JsonBodyData];
const KINDS: readonly Kind[] = [
  ['string', (t) => t],
  ['Buffer', (t) => Buffer.from(t, 'utf8')],
  ['Uint8Array', (t) => new Uint8Array(Buffer.from(t, 'utf8'))],
];
const BYTE_KINDS = KINDS.filter(([name]) => name !== 'string');

function bytesOf(d: JsonBodyData): Buffer {
  return typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : Buffer.from(d.buffer, d.byteOffset, d.byteLength);
}

function textOf(d: JsonBodyData): string {
  return typeof d === 'string' ? d : bytesOf(d).toString('utf8');
}

/** The output must be the class the application would have gotten without us. */
function expectSameKind(input: JsonBodyData, output: JsonBodyData): void {
  if (typeof input === 'string') {
    expect(typeof output).toBe('string');
  } else if (Buffer.isBuffer(input)) {
    expect(Buffer.isBuffer(output)).toBe(true);
  } else {
    expect(output).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(output)).toBe(false);
    expect(Object.getPrototypeOf(output)).toBe(Uint8Array.prototype);
  }
}

function expectSameBytes(a: JsonBodyData, b: JsonBodyData): void {
  expect(bytesOf(a).equals(bytesOf(b))).toBe(true);
}

describe.each(KINDS)('injectIntoJsonBody (%s)', (_name, make) => {
  it.each([
    ['empty object', '{}', `{${MEMBER}}`],
    ['empty object with a space', '{ }', `{${MEMBER} }`],
    ['empty object with newlines', '{\n\n}', `{${MEMBER}\n\n}`],
    ['pretty-printed', '{\n  "a": 1\n}', `{${MEMBER},\n  "a": 1\n}`],
    ['tab-indented', '{\n\t"a": [\n\t\t1\n\t]\n}', `{${MEMBER},\n\t"a": [\n\t\t1\n\t]\n}`],
    ['leading and trailing whitespace', ' \r\n\t{"a":1} \n', ` \r\n\t{${MEMBER},"a":1} \n`],
    ['UTF-8 BOM', '\uFEFF{"a":1}', `\uFEFF{${MEMBER},"a":1}`],
    ['BOM then whitespace', '\uFEFF \n{ "a":1 }', `\uFEFF \n{${MEMBER}, "a":1 }`],
    [
      'big integer and key order',
      '{"z":1152921504606846976,"b":2,"a":-0.10}',
      `{${MEMBER},"z":1152921504606846976,"b":2,"a":-0.10}`,
    ],
    [
      'nested objects and arrays',
      '{"a":{"b":[1,{"c":null}],"d":{}},"e":[]}',
      `{${MEMBER},"a":{"b":[1,{"c":null}],"d":{}},"e":[]}`,
    ],
    ['non-ASCII members', '{"é":"日本語 🎉"}', `{${MEMBER},"é":"日本語 🎉"}`],
    ['shaped like an object but invalid', '{not json at all}', `{${MEMBER},not json at all}`],
    ['brace then close brace twice', '{}}', `{${MEMBER}}}`],
    ['a longer key ending in ours', '{"x_msgtrace":1}', `{${MEMBER},"x_msgtrace":1}`],
    ['our key escaped in a value', '{"a":"\\_msgtrace""}', `{${MEMBER},"a":"\\_msgtrace""}`],
  ])('%s', (_case, input, expected) => {
    const data = make(input);
    const result = injectIntoJsonBody(data, CARRIER);
    expect(result.injected).toBe(true);
    expect(result.skipped).toBeUndefined();
    expect(textOf(result.data)).toBe(expected);
    expectSameKind(data, result.data);
    // The caller's data is never written to.
    expect(textOf(data)).toBe(input);

    const back = readJsonBody(result.data);
    expect(back.stripped).toBe(true);
    expect(back.carrier).toEqual(CARRIER);
    expect(back.source).toBe(DEFAULT_JSON_BODY_KEY);
    expectSameBytes(back.data, data);
    expectSameKind(data, back.data);
  });

  it.each([
    ['JSON array', '[1,2]'],
    ['empty array', '[]'],
    ['array of objects', '[{"a":1}]'],
    ['number', '42'],
    ['string', '"str"'],
    ['null', 'null'],
    ['true', 'true'],
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['open brace alone', '{'],
    ['close brace alone', '}'],
    ['open brace with whitespace', ' { '],
    ['plain text', 'hello world'],
    ['text after the object', '{"a":1} x'],
    ['text before the object', 'x {"a":1}'],
    ['BOM alone', '\uFEFF'],
    ['two BOMs', '\uFEFF\uFEFF{}'],
    ['vertical tab is not JSON whitespace', '\v{"a":1}'],
  ])('skips %s as not-json-object', (_case, input) => {
    const data = make(input);
    const result = injectIntoJsonBody(data, CARRIER);
    expect(result).toEqual({ data, injected: false, skipped: 'not-json-object' });
    expect(result.data).toBe(data);
  });

  it.each([
    ['first', `{"_msgtrace":{"traceparent":"x"},"a":1}`],
    ['later', `{"a":1,"_msgtrace":{"traceparent":"x"}}`],
    ['nested', `{"a":{"_msgtrace":1}}`],
    ['as a value', `{"a":"_msgtrace"}`],
    ['after a near miss', `{"x_msgtrace":1,"_msgtrace":1}`],
  ])('skips a body already carrying the key (%s)', (_case, input) => {
    const data = make(input);
    const result = injectIntoJsonBody(data, CARRIER);
    expect(result).toEqual({ data, injected: false, skipped: 'already-carries-key' });
    expect(result.data).toBe(data);
  });

  it('looks for the configured key, not the default one', () => {
    const data = make('{"_msgtrace":1}');
    const result = injectIntoJsonBody(data, CARRIER, { key: 'trace"ctx' });
    expect(textOf(result.data)).toBe(`{"trace\\"ctx":${VALUE},"_msgtrace":1}`);
    const back = readJsonBody(result.data, { key: 'trace"ctx' });
    expect(back.carrier).toEqual(CARRIER);
    expect(back.source).toBe('trace"ctx');
    expectSameBytes(back.data, data);
    expect(injectIntoJsonBody(result.data, CARRIER, { key: 'trace"ctx' }).skipped).toBe(
      'already-carries-key',
    );
  });

  it.each([
    ['an empty carrier', {}],
    ['a carrier without string values', { traceparent: 1 } as unknown as Record<string, string>],
    ['null', null as unknown as Record<string, string>],
  ])('skips %s as empty-carrier with the same reference', (_case, carrier) => {
    const data = make('{"a":1}');
    const result = injectIntoJsonBody(data, carrier);
    expect(result).toEqual({ data, injected: false, skipped: 'empty-carrier' });
    expect(result.data).toBe(data);
  });

  it('writes only the string values of a carrier', () => {
    const carrier = { traceparent: TRACEPARENT, n: 5 } as unknown as Record<string, string>;
    const result = injectIntoJsonBody(make('{}'), carrier);
    expect(textOf(result.data)).toBe(`{"_msgtrace":{"traceparent":"${TRACEPARENT}"}}`);
  });

  it('writes exactly JSON.stringify of the carrier, escapes included', () => {
    const carrier = { 'odd"key': 'va\\lue"\n', b3: 'x' };
    const result = injectIntoJsonBody(make('{"a":1}'), carrier);
    expect(textOf(result.data)).toBe(`{"_msgtrace":${JSON.stringify(carrier)},"a":1}`);
    expect(readJsonBody(result.data).carrier).toEqual(carrier);
  });

  describe('size limit', () => {
    const input = '{"é":"日本"}';
    const expected = `{${MEMBER},"é":"日本"}`;
    const size = Buffer.byteLength(expected, 'utf8');

    it('fits at exactly maxBytes', () => {
      const result = injectIntoJsonBody(make(input), CARRIER, { maxBytes: size });
      expect(result.injected).toBe(true);
      expect(bytesOf(result.data).length).toBe(size);
    });

    it('skips one byte over as too-large with the same reference', () => {
      const data = make(input);
      const result = injectIntoJsonBody(data, CARRIER, { maxBytes: size - 1 });
      expect(result).toEqual({ data, injected: false, skipped: 'too-large' });
      expect(result.data).toBe(data);
    });

    it('counts reservedBytes against maxBytes', () => {
      expect(
        injectIntoJsonBody(make(input), CARRIER, { maxBytes: size + 5, reservedBytes: 5 }).injected,
      ).toBe(true);
      const data = make(input);
      const result = injectIntoJsonBody(data, CARRIER, { maxBytes: size + 5, reservedBytes: 6 });
      expect(result.skipped).toBe('too-large');
      expect(result.data).toBe(data);
    });

    it('defaults to the Kinesis record limit', () => {
      const shell = '{"p":""}';
      const added = Buffer.byteLength(`${MEMBER},`, 'utf8');
      const padding = KINESIS_MAX_RECORD_BYTES - added - shell.length;
      const fits = make(`{"p":"${'x'.repeat(padding)}"}`);
      const result = injectIntoJsonBody(fits, CARRIER);
      expect(result.injected).toBe(true);
      expect(bytesOf(result.data).length).toBe(KINESIS_MAX_RECORD_BYTES);
      expect(injectIntoJsonBody(fits, CARRIER, { reservedBytes: 1 }).skipped).toBe('too-large');
      const over = make(`{"p":"${'x'.repeat(padding + 1)}"}`);
      expect(injectIntoJsonBody(over, CARRIER).skipped).toBe('too-large');
    });

    it('counts UTF-8 bytes, not UTF-16 units, near the limit', () => {
      const text = `{"p":"${'a'.repeat(50)}${'日'.repeat(50)}${'🎉'.repeat(10)}"}`;
      const bytes = Buffer.byteLength(text, 'utf8') + Buffer.byteLength(`${MEMBER},`, 'utf8');
      expect(injectIntoJsonBody(make(text), CARRIER, { maxBytes: bytes }).injected).toBe(true);
      expect(injectIntoJsonBody(make(text), CARRIER, { maxBytes: bytes - 1 }).skipped).toBe(
        'too-large',
      );
    });

    it('refuses a carrier a default reader could not strip', () => {
      const data = make('{}');
      const result = injectIntoJsonBody(data, {
        traceparent: TRACEPARENT,
        baggage: 'b'.repeat(5000),
      });
      expect(result).toEqual({ data, injected: false, skipped: 'too-large' });
    });
  });
});

describe.each(KINDS)('injectIntoJsonBody with a prepared carrier (%s)', (_name, make) => {
  const prepared = prepareJsonBodyCarrier(CARRIER);
  it('writes exactly what the carrier itself would, without reading the carrier', () => {
    for (const body of ['{"a":1}', '{}', ' { "é": "ü€" } ', '{"big":12345678901234567890}']) {
      const plain = injectIntoJsonBody(make(body), CARRIER);
      const fast = injectIntoJsonBody(make(body), {}, { prepared });
      expect(fast.injected).toBe(true);
      expectSameKind(make(body), fast.data);
      expectSameBytes(fast.data, plain.data);
    }
  });

  it('skips as the carrier would: empty, too large for the record, already carrying the key', () => {
    const empty = prepareJsonBodyCarrier({});
    expect(injectIntoJsonBody(make('{"a":1}'), CARRIER, { prepared: empty })).toMatchObject({
      injected: false,
      skipped: 'empty-carrier',
    });
    expect(
      injectIntoJsonBody(make('{"a":1}'), {}, { prepared, maxBytes: MEMBER.length + 5 }).skipped,
    ).toBe('too-large');
    expect(injectIntoJsonBody(make(`{${MEMBER},"a":1}`), {}, { prepared }).skipped).toBe(
      'already-carries-key',
    );
  });

  it('is never thrown at by a hostile carrier', () => {
    const hostile = Object.defineProperty({}, 'traceparent', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(prepareJsonBodyCarrier(hostile)).toEqual({ text: undefined, bytes: undefined });
  });
});

describe.each(BYTE_KINDS)('injectIntoJsonBody on bytes (%s)', (_name, make) => {
  it.each([
    ['invalid byte inside', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]],
    ['truncated sequence', [0x7b, 0x22, 0xe6, 0x97, 0x22, 0x3a, 0x31, 0x7d]],
    ['overlong encoding', [0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]],
    ['UTF-16 surrogate encoded', [0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]],
  ])('skips non-UTF-8 data (%s) as not-utf8', (_case, bytes) => {
    const data = Buffer.isBuffer(make('')) ? Buffer.from(bytes) : new Uint8Array(bytes);
    const result = injectIntoJsonBody(data, CARRIER);
    expect(result).toEqual({ data, injected: false, skipped: 'not-utf8' });
    expect(result.data).toBe(data);
  });

  it('works on a view into a larger buffer', () => {
    const backing = Buffer.from('xx{"a":1}yy');
    const view = Buffer.isBuffer(make(''))
      ? backing.subarray(2, 9)
      : new Uint8Array(backing.buffer, backing.byteOffset + 2, 7);
    const result = injectIntoJsonBody(view, CARRIER);
    expect(textOf(result.data)).toBe(`{${MEMBER},"a":1}`);
    expect(backing.toString()).toBe('xx{"a":1}yy');
    const back = readJsonBody(result.data);
    expectSameBytes(back.data, view);
  });
});

describe.each(KINDS)('readJsonBody (%s)', (_name, make) => {
  it.each([
    ['no key', '{"a":1}'],
    ['empty object', '{}'],
    ['not an object', '[{"_msgtrace":{"traceparent":"x"}}]'],
    ['empty', ''],
    ['a number under the key', '{"_msgtrace":1}'],
    ['a string under the key', `{"_msgtrace":"${TRACEPARENT}"}`],
    ['an array under the key', `{"_msgtrace":["${TRACEPARENT}"]}`],
    ['null under the key', '{"_msgtrace":null}'],
    ['a nested object', '{"_msgtrace":{"traceparent":{"a":"b"}}}'],
    ['a number value', '{"_msgtrace":{"traceparent":1}}'],
    ['a null value', '{"_msgtrace":{"a":"b","c":null}}'],
    ['an array value', '{"_msgtrace":{"a":["b"]}}'],
    ['a number as member name', '{"_msgtrace":{1:"b"}}'],
    ['a huge string', `{"_msgtrace":{"traceparent":"${'x'.repeat(5000)}"}}`],
    ['unterminated string', '{"_msgtrace":{"traceparent":"abc'],
    ['unterminated carrier', '{"_msgtrace":{"traceparent":"abc"'],
    ['unterminated carrier then comma', '{"_msgtrace":{"traceparent":"abc",'],
    ['truncated after the carrier', `{"_msgtrace":${VALUE}`],
    ['truncated after the comma', `{"_msgtrace":${VALUE},`],
    ['truncated inside the key', '{"_msgtr'],
    ['an escape at the very end', '{"_msgtrace":{"a":"\\'],
    ['an invalid escape', '{"_msgtrace":{"a":"\\x"}}'],
    ['a short unicode escape', '{"_msgtrace":{"a":"\\u12"}}'],
    ['a raw control character', '{"_msgtrace":{"a":"b\u0001"}}'],
    ['a raw newline in a value', '{"_msgtrace":{"a":"b\nc"}}'],
    ['the key not first', `{"a":1,${MEMBER}}`],
    ['the key nested', `{"a":{${MEMBER}}}`],
    ['whitespace before the key', `{ ${MEMBER}}`],
    ['whitespace around the colon', `{"_msgtrace" : ${VALUE}}`],
    ['whitespace inside the carrier', '{"_msgtrace":{ "a":"b"}}'],
    ['whitespace after a member name', '{"_msgtrace":{"a" :"b"}}'],
    ['a trailing comma in the carrier', '{"_msgtrace":{"a":"b",}}'],
    ['a missing comma after the carrier', `{${MEMBER}"a":1}`],
    ['a comma then the closing brace', `{${MEMBER},}`],
    ['a comma, whitespace, closing brace', `{${MEMBER}, \n}`],
    ['text after the object', `{${MEMBER}} x`],
    ['text after the object, after a member', `{${MEMBER},"a":1} x`],
    ['a different key', `{"_msgtrace2":${VALUE}}`],
    ['a key prefix', `{"_msg":${VALUE}}`],
  ])('leaves data with %s untouched', (_case, input) => {
    const data = make(input);
    const result = readJsonBody(data);
    expect(result).toEqual({ data, stripped: false });
    expect(result.data).toBe(data);
    expect(result.carrier).toBeUndefined();
  });

  it.each([
    [
      'escaped quotes and backslashes',
      '{"_msgtrace":{"tracestate":"a=\\"b\\",c=\\\\"},"x":1}',
      { tracestate: 'a="b",c=\\' },
      '{"x":1}',
    ],
    [
      'structural characters inside strings',
      '{"_msgtrace":{"k":"}:,{[]\\"","}":"{"}, "x":1}',
      { k: '}:,{[]"', '}': '{' },
      '{ "x":1}',
    ],
    [
      'unicode escapes and raw non-ASCII',
      '{"_msgtrace":{"k\\u00e9":"\\ud83c\\udf89 日本"}}',
      { 'k\u00e9': '\u{1F389} 日本' },
      '{}',
    ],
    ['an empty carrier object', '{"_msgtrace":{}}', {}, '{}'],
    [
      'BOM and whitespace before the object',
      `\uFEFF \n {${MEMBER}\n}\n`,
      CARRIER,
      '\uFEFF \n {\n}\n',
    ],
    ['a duplicate key inside the carrier', '{"_msgtrace":{"a":"1","a":"2"}}', { a: '2' }, '{}'],
  ])('reads %s', (_case, input, carrier, rest) => {
    const data = make(input);
    const result = readJsonBody(data);
    expect(result.stripped).toBe(true);
    expect(result.carrier).toEqual(carrier);
    expect(result.source).toBe('_msgtrace');
    expect(textOf(result.data)).toBe(rest);
    expectSameKind(data, result.data);
    expect(textOf(data)).toBe(input);
  });

  describe('maxCarrierBytes', () => {
    // Measured on the carrier value `{...}`, in UTF-8 bytes for strings and bytes alike.
    const value = '{"k":"日本🎉"}';
    const size = Buffer.byteLength(value, 'utf8');
    const input = `{"_msgtrace":${value},"a":1}`;

    it('accepts a carrier of exactly maxCarrierBytes', () => {
      const result = readJsonBody(make(input), { maxCarrierBytes: size });
      expect(result.carrier).toEqual({ k: '日本🎉' });
      expect(textOf(result.data)).toBe('{"a":1}');
    });

    it('rejects a carrier one byte larger', () => {
      const data = make(input);
      expect(readJsonBody(data, { maxCarrierBytes: size - 1 })).toEqual({ data, stripped: false });
    });

    it('rejects an empty carrier object under a 1-byte limit', () => {
      const data = make('{"_msgtrace":{}}');
      expect(readJsonBody(data, { maxCarrierBytes: 1 }).stripped).toBe(false);
      expect(readJsonBody(data, { maxCarrierBytes: 2 }).stripped).toBe(true);
    });

    it('defaults to 4096 bytes', () => {
      // `{"k":"` + n + `"}` is n + 8 bytes.
      const fits = `{"_msgtrace":{"k":"${'x'.repeat(4096 - 8)}"}}`;
      expect(readJsonBody(make(fits)).stripped).toBe(true);
      const over = `{"_msgtrace":{"k":"${'x'.repeat(4096 - 7)}"}}`;
      expect(readJsonBody(make(over)).stripped).toBe(false);
    });
  });

  it('reads a configured key and ignores the default one', () => {
    const input = `{"ctx":${VALUE},"_msgtrace":{"a":"b"}}`;
    const result = readJsonBody(make(input), { key: 'ctx' });
    expect(result.carrier).toEqual(CARRIER);
    expect(textOf(result.data)).toBe('{"_msgtrace":{"a":"b"}}');
    const data = make(input);
    expect(readJsonBody(data).data).toBe(data);
  });

  describe('foreign keys', () => {
    const dd: JsonBodyReadOptions = { foreignKeys: ['_datadog'] };
    const ddStrip: JsonBodyReadOptions = { foreignKeys: ['_datadog'], stripForeignKeys: true };

    it.each([
      ['at the start', `{"_datadog":${DD},"a":1,"b":[2]}`, '{"a":1,"b":[2]}'],
      ['in the middle', `{"a":1,"_datadog":${DD},"b":[2]}`, '{"a":1,"b":[2]}'],
      ['at the end', `{"a":1,"b":[2],"_datadog":${DD}}`, '{"a":1,"b":[2]}'],
      ['alone', `{"_datadog":${DD}}`, '{}'],
      ['pretty, at the start', `{\n  "_datadog": ${DD},\n  "a": 1\n}`, '{\n  \n  "a": 1\n}'],
      [
        'pretty, in the middle',
        `{\n  "a": 1,\n  "_datadog": ${DD},\n  "b": 2\n}`,
        '{\n  "a": 1,\n  \n  "b": 2\n}',
      ],
      ['pretty, at the end', `{\n  "a": 1,\n  "_datadog": ${DD}\n}`, '{\n  "a": 1\n}'],
      [
        'pretty carrier value',
        `{"a":1,"_datadog":${JSON.stringify(JSON.parse(DD), null, 2)}}`,
        '{"a":1}',
      ],
      ['after our malformed key', `{"_msgtrace":1,"_datadog":${DD}}`, '{"_msgtrace":1}'],
      [
        'after a longer key ending in it',
        `{"x_datadog":{"k":"v"},"_datadog":${DD}}`,
        '{"x_datadog":{"k":"v"}}',
      ],
    ])('reads it %s, stripping only when asked', (_case, input, stripped) => {
      const data = make(input);
      const kept = readJsonBody(data, dd);
      expect(kept.carrier).toEqual(DD_CARRIER);
      expect(kept.source).toBe('_datadog');
      expect(kept.stripped).toBe(false);
      expect(kept.data).toBe(data);

      const removed = readJsonBody(data, ddStrip);
      expect(removed.carrier).toEqual(DD_CARRIER);
      expect(removed.source).toBe('_datadog');
      expect(removed.stripped).toBe(true);
      expect(textOf(removed.data)).toBe(stripped);
      expectSameKind(data, removed.data);
      expect(textOf(data)).toBe(input);
      // Stripping keeps valid JSON valid, minus exactly that member.
      const before: Record<string, unknown> = JSON.parse(input);
      const after: Record<string, unknown> = JSON.parse(stripped);
      delete before._datadog;
      expect(after).toEqual(before);
    });

    it('prefers our key, leaving the foreign one in place', () => {
      const input = `{${MEMBER},"_datadog":${DD}}`;
      const result = readJsonBody(make(input), ddStrip);
      expect(result.source).toBe('_msgtrace');
      expect(result.carrier).toEqual(CARRIER);
      expect(textOf(result.data)).toBe(`{"_datadog":${DD}}`);
    });

    it('tries foreign keys in order and takes the first that yields a carrier', () => {
      const input = `{"a":1,"other":{"k":"v"},"_datadog":${DD}}`;
      const result = readJsonBody(make(input), { foreignKeys: ['missing', '_datadog', 'other'] });
      expect(result.source).toBe('_datadog');
      expect(result.carrier).toEqual(DD_CARRIER);
    });

    it.each([
      ['a string value', '{"_datadog":"123"}'],
      ['an array value', '{"_datadog":["123"]}'],
      ['no string members', '{"_datadog":{"a":1,"b":{"c":"d"}}}'],
      ['an oversized value', `{"_datadog":{"k":"${'x'.repeat(5000)}"}}`],
      ['an unterminated value', '{"_datadog":{"k":"v"'],
      ['invalid JSON inside the value', '{"_datadog":{"k":"v",,}}'],
      ['mismatched brackets', '{"_datadog":{"k":["v"}],"a":1}'],
      ['the key inside a string', '{"a":"x\\"_datadog\\":{\\"k\\":\\"v\\"}"}'],
      ['not a member position', '["_datadog":{"k":"v"}]'],
      ['garbage after the value', '{"_datadog":{"k":"v"} x}'],
      ['no key at all', '{"a":1}'],
    ])('ignores %s', (_case, input) => {
      const data = make(input);
      const result = readJsonBody(data, ddStrip);
      expect(result).toEqual({ data, stripped: false });
      expect(result.data).toBe(data);
    });

    it('ignores foreign keys unless configured', () => {
      const data = make(`{"_datadog":${DD}}`);
      expect(readJsonBody(data)).toEqual({ data, stripped: false });
      expect(readJsonBody(data, { foreignKeys: [] })).toEqual({ data, stripped: false });
    });
  });
});

describe.each(BYTE_KINDS)('readJsonBody on bytes (%s)', (_name, make) => {
  const asKind = (bytes: Uint8Array): JsonBodyData =>
    Buffer.isBuffer(make('')) ? Buffer.from(bytes) : new Uint8Array(bytes);

  it('rejects non-UTF-8 bytes inside the carrier', () => {
    const data = asKind(
      Buffer.concat([Buffer.from('{"_msgtrace":{"a":"'), Buffer.from([0xff]), Buffer.from('"}}')]),
    );
    expect(readJsonBody(data)).toEqual({ data, stripped: false });
  });

  it('never looks at the record beyond our member: binary after it stays byte for byte', () => {
    const tail = Buffer.from([0x22, 0x62, 0x22, 0x3a, 0xff, 0xfe, 0x00, 0x80, 0x7d]);
    const original = asKind(Buffer.concat([Buffer.from('{'), tail]));
    const data = asKind(Buffer.concat([Buffer.from(`{${MEMBER},`), tail]));
    const result = readJsonBody(data);
    expect(result.carrier).toEqual(CARRIER);
    expectSameBytes(result.data, original);
    expectSameKind(data, result.data);
  });

  it.each([
    ['random binary', [0x00, 0xff, 0x7b, 0x22, 0x5f]],
    ['BOM alone', [0xef, 0xbb, 0xbf]],
    ['partial BOM', [0xef, 0xbb, 0x7b, 0x7d]],
    ['UTF-16LE BOM and object', [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]],
  ])('leaves %s untouched', (_case, bytes) => {
    const data = asKind(new Uint8Array(bytes));
    expect(readJsonBody(data, { foreignKeys: ['_datadog'], stripForeignKeys: true })).toEqual({
      data,
      stripped: false,
    });
  });
});

describe('values that are neither strings nor Uint8Arrays', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { a: 1 }],
    ['an array', [0x7b, 0x7d]],
    ['an ArrayBuffer', new ArrayBuffer(2)],
    ['a DataView', new DataView(new ArrayBuffer(2))],
    ['a Uint16Array', new Uint16Array([0x7b, 0x7d])],
  ])('returns %s unchanged from both functions', (_case, value) => {
    const data = value as unknown as JsonBodyData;
    expect(readJsonBody(data)).toEqual({ data, stripped: false });
    expect(readJsonBody(data).data).toBe(data);
    const injected = injectIntoJsonBody(data, CARRIER);
    expect(injected.injected).toBe(false);
    expect(injected.data).toBe(data);
  });

  it('survives hostile options and carriers without throwing', () => {
    const data = '{"a":1}';
    const throwing = {
      get traceparent(): string {
        throw new Error('boom');
      },
    };
    expect(() => injectIntoJsonBody(data, throwing)).not.toThrow();
    expect(injectIntoJsonBody(data, throwing).data).toBe(data);
    const badKey = { key: 5 } as unknown as JsonBodyReadOptions;
    expect(readJsonBody(data, badKey).data).toBe(data);
    expect(injectIntoJsonBody(data, CARRIER, { key: 5 } as unknown as { key: string }).data).toBe(
      data,
    );
    const badForeign = { foreignKeys: [5, null] } as unknown as JsonBodyReadOptions;
    expect(readJsonBody(data, badForeign).data).toBe(data);
  });
});

describe('round trip', () => {
  it.each(KINDS)('inject then read gives identical bytes and the carrier (%s)', (_n, make) => {
    const text = JSON.stringify(
      { z: 1, big: '__BIG__', list: [1, 'two', { three: null }], nested: { x: [] } },
      null,
      3,
    ).replace('"__BIG__"', '1152921504606846976');
    const data = make(text);
    const injected = injectIntoJsonBody(data, CARRIER, { reservedBytes: 12 });
    expect(injected.injected).toBe(true);
    const parsed: Record<string, unknown> = JSON.parse(textOf(injected.data));
    expect(Object.keys(parsed)).toEqual(['_msgtrace', 'z', 'big', 'list', 'nested']);
    expect(parsed._msgtrace).toEqual(CARRIER);
    const back = readJsonBody(injected.data);
    expect(back.carrier).toEqual(CARRIER);
    expect(back.stripped).toBe(true);
    expectSameBytes(back.data, data);
    expect(textOf(back.data)).toContain('"big": 1152921504606846976');
  });
});

describe('properties', () => {
  const carrierArb = fc.dictionary(
    fc.string({ maxLength: 20, unit: 'binary' }),
    fc.string({ maxLength: 60, unit: 'binary' }),
    { minKeys: 1, maxKeys: 5 },
  );
  const bodyArb = fc.record({
    value: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 8 }),
    indent: fc.integer({ min: 0, max: 4 }),
  });

  it('inject then read restores the exact bytes and the carrier, for any JSON object', () => {
    fc.assert(
      fc.property(
        bodyArb,
        carrierArb,
        fc.constantFrom(...KINDS),
        ({ value, indent }, carrier, kind) => {
          const text = JSON.stringify(value, null, indent);
          fc.pre(!text.includes('"_msgtrace"'));
          const data = kind[1](text);
          const injected = injectIntoJsonBody(data, carrier);
          expect(injected.injected).toBe(true);
          expectSameKind(data, injected.data);

          const expectedCarrier = JSON.parse(JSON.stringify(carrier));
          const parsed: Record<string, unknown> = JSON.parse(textOf(injected.data));
          expect(parsed._msgtrace).toEqual(expectedCarrier);
          const original: Record<string, unknown> = JSON.parse(text);
          for (const k of Object.keys(original)) expect(parsed[k]).toEqual(original[k]);

          const back = readJsonBody(injected.data);
          expect(back.stripped).toBe(true);
          expect(back.carrier).toEqual(expectedCarrier);
          expectSameBytes(back.data, data);
          expectSameKind(data, back.data);
        },
      ),
      { numRuns: 300 },
    );
  });

  const readOptionsArb = fc.record(
    {
      foreignKeys: fc.constantFrom(['_datadog'], [], ['_datadog', 'a', '']),
      stripForeignKeys: fc.boolean(),
      maxCarrierBytes: fc.integer({ min: 0, max: 5000 }),
    },
    { requiredKeys: [] },
  );

  function checkRead(data: JsonBodyData, options: JsonBodyReadOptions): void {
    const result = readJsonBody(data, options);
    if (!result.stripped) expect(result.data).toBe(data);
    else expectSameKind(data, result.data);
    if (result.carrier !== undefined) {
      for (const v of Object.values(result.carrier)) expect(typeof v).toBe('string');
    }
  }

  it('readJsonBody never throws on arbitrary bytes or strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array(),
          fc.string({ unit: 'binary' }),
          fc.string(),
          fc.uint8Array().map((b) => Buffer.from(b)),
        ),
        readOptionsArb,
        (data, options) => checkRead(data, options),
      ),
      { numRuns: 500 },
    );
  });

  it('readJsonBody never throws on near misses of the shapes it recognises', () => {
    const prefix = fc.constantFrom(
      '{"_msgtrace":{',
      '{"_msgtrace":{"traceparent":"',
      `{${MEMBER}`,
      '{"a":1,"_datadog":{',
      '{"_datadog":{"k":"v"',
      '\uFEFF {"_msgtrace":',
    );
    const tail = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('}', '}}', '},"a":1}', '"}}', '\\"}}', '"},}', ':"x"}}', '"}', ''),
    );
    fc.assert(
      fc.property(
        prefix,
        fc.array(tail, { maxLength: 4 }),
        fc.boolean(),
        readOptionsArb,
        (p, t, asBytes, options) => {
          const text = p + t.join('');
          checkRead(asBytes ? Buffer.from(text) : text, options);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('injectIntoJsonBody never throws, and what it injects always reads back', () => {
    const objectShaped = fc.string({ unit: 'binary' }).map((s) => `{${s}}`);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array(),
          fc.string({ unit: 'binary' }),
          fc.string(),
          objectShaped,
          objectShaped.map((s) => Buffer.from(s)),
          fc.uint8Array().map((b) => new Uint8Array([0x7b, ...b, 0x7d])),
        ),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer()) as fc.Arbitrary<string>),
        fc.integer({ min: 0, max: 2000 }),
        (data, carrier, maxBytes) => {
          const result = injectIntoJsonBody(data, carrier, { maxBytes });
          if (!result.injected) {
            expect(result.data).toBe(data);
            return;
          }
          const back = readJsonBody(result.data);
          expect(back.stripped).toBe(true);
          expectSameBytes(back.data, data);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('injects into object-shaped strings of any content and restores them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom(...KINDS), (inner, kind) => {
        const text = `{${inner}}`;
        fc.pre(!text.includes('"_msgtrace"'));
        const data = kind[1](text);
        const injected = injectIntoJsonBody(data, CARRIER);
        // A lone surrogate becomes U+FFFD in bytes; the string path keeps it as is.
        expect(injected.injected).toBe(true);
        const back = readJsonBody(injected.data);
        expect(back.carrier).toEqual(CARRIER);
        expectSameBytes(back.data, data);
        if (typeof data === 'string') expect(back.data).toBe(data);
      }),
      { numRuns: 300 },
    );
  });
});
