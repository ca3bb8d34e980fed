import { describe, expect, it } from '@jest/globals';
import { type SpanContext, TraceFlags } from '@opentelemetry/api';
import fc from 'fast-check';
import {
  AWS_TRACE_HEADER,
  formatXRayTraceHeader,
  parseXRayTraceHeader,
} from '../src/carriers/xray.js';

const TRACE_ID = '5759e988bd862e3fe1be46a994272793';
const SPAN_ID = '53995c3f42cd8ad8';
const ROOT = 'Root=1-5759e988-bd862e3fe1be46a994272793';
const PARENT = `Parent=${SPAN_ID}`;

const remote = (traceFlags: number): SpanContext => ({
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags,
  isRemote: true,
});

const hex = (length: number) =>
  fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
    .filter((s) => /[1-9a-f]/.test(s));

describe('AWS_TRACE_HEADER', () => {
  it('is the SQS system attribute name X-Ray reads', () => {
    expect(AWS_TRACE_HEADER).toBe('AWSTraceHeader');
  });
});

describe('formatXRayTraceHeader', () => {
  it.each([
    [TraceFlags.SAMPLED, 1],
    [TraceFlags.NONE, 0],
    // Flags other than sampled have no X-Ray field; only the sampled bit decides.
    [0x02, 0],
    [0x03, 1],
  ])('renders traceFlags %i as Sampled=%i', (traceFlags, sampled) => {
    expect(formatXRayTraceHeader({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags })).toBe(
      `${ROOT};${PARENT};Sampled=${sampled}`,
    );
  });

  it('round-trips through parseXRayTraceHeader for any valid ids', () => {
    fc.assert(
      fc.property(hex(32), hex(16), fc.boolean(), (traceId, spanId, sampled) => {
        const traceFlags = sampled ? TraceFlags.SAMPLED : TraceFlags.NONE;
        const header = formatXRayTraceHeader({ traceId, spanId, traceFlags, isRemote: false });
        expect(parseXRayTraceHeader(header)).toEqual({
          traceId,
          spanId,
          traceFlags,
          isRemote: true,
        });
      }),
    );
  });
});

describe('parseXRayTraceHeader', () => {
  it.each<[string, string, number]>([
    ['canonical', `${ROOT};${PARENT};Sampled=1`, TraceFlags.SAMPLED],
    ['not sampled', `${ROOT};${PARENT};Sampled=0`, TraceFlags.NONE],
    ['sampling deferred', `${ROOT};${PARENT};Sampled=?`, TraceFlags.NONE],
    ['Sampled missing', `${ROOT};${PARENT}`, TraceFlags.NONE],
    ['fields in another order', `Sampled=1;${PARENT};${ROOT}`, TraceFlags.SAMPLED],
    [
      'whitespace around keys and values',
      ` Root = 1-5759e988-bd862e3fe1be46a994272793 ; Parent=${SPAN_ID} ;Sampled= 1 `,
      TraceFlags.SAMPLED,
    ],
    ['trailing and doubled separators', `${ROOT};;${PARENT};Sampled=1;`, TraceFlags.SAMPLED],
    [
      'Self and Lineage ignored',
      `Self=1-67891233-abcdef012345678912345678;${ROOT};${PARENT};Sampled=1;Lineage=a87bd80c:1|68fd508a:5`,
      TraceFlags.SAMPLED,
    ],
    [
      'unknown keys and bare words ignored',
      `${ROOT};${PARENT};Sampled=1;Future=x;junk`,
      TraceFlags.SAMPLED,
    ],
    ['unknown keys may repeat', `${ROOT};${PARENT};Lineage=a;Lineage=b`, TraceFlags.NONE],
  ])('parses %s', (_name, header, traceFlags) => {
    expect(parseXRayTraceHeader(header)).toEqual(remote(traceFlags));
  });

  it('lowercases hex digits', () => {
    expect(
      parseXRayTraceHeader('Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=53995C3F42CD8AD8'),
    ).toEqual(remote(TraceFlags.NONE));
  });

  it('accepts a header of exactly 2048 characters', () => {
    const base = `${ROOT};${PARENT};Sampled=1;Lineage=`;
    const header = base + 'a'.repeat(2048 - base.length);
    expect(header).toHaveLength(2048);
    expect(parseXRayTraceHeader(header)).toEqual(remote(TraceFlags.SAMPLED));
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a boolean', true],
    ['an object', { Root: '1-5759e988-bd862e3fe1be46a994272793', Parent: SPAN_ID }],
    ['an array', [`${ROOT};${PARENT}`]],
    ['a Buffer', Buffer.from(`${ROOT};${PARENT};Sampled=1`)],
    ['a String object', new String(`${ROOT};${PARENT};Sampled=1`)],
    ['an empty string', ''],
    ['only separators', ';;;'],
    ['Root missing', `${PARENT};Sampled=1`],
    ['Parent missing (Lambda root-only header)', `${ROOT};Sampled=1`],
    ['a version other than 1', `Root=2-5759e988-bd862e3fe1be46a994272793;${PARENT}`],
    ['a short epoch part', `Root=1-5759e98-bd862e3fe1be46a9942727930;${PARENT}`],
    ['a short random part', `Root=1-5759e988-bd862e3fe1be46a99427279;${PARENT}`],
    ['a Root without dashes', `Root=15759e988bd862e3fe1be46a994272793;${PARENT}`],
    ['non-hex Root', `Root=1-5759e988-bd862e3fe1be46a99427279z;${PARENT}`],
    ['extra Root content', `${ROOT}-00;${PARENT}`],
    ['a 15-digit Parent', `${ROOT};Parent=53995c3f42cd8ad`],
    ['a 17-digit Parent', `${ROOT};Parent=53995c3f42cd8ad8a`],
    ['non-hex Parent', `${ROOT};Parent=53995c3f42cd8adg`],
    ['Sampled=2', `${ROOT};${PARENT};Sampled=2`],
    ['Sampled=true', `${ROOT};${PARENT};Sampled=true`],
    ['Sampled empty', `${ROOT};${PARENT};Sampled=`],
    ['Root without a value', `Root;${PARENT}`],
    ['Sampled without a value', `${ROOT};${PARENT};Sampled`],
    ['lowercase keys', `root=1-5759e988-bd862e3fe1be46a994272793;parent=${SPAN_ID}`],
    ['a duplicated Root', `${ROOT};${PARENT};Root=1-5759e988-00000000000000000000000a`],
    ['a duplicated Root with the same value', `${ROOT};${ROOT};${PARENT}`],
    ['a duplicated Parent', `${ROOT};${PARENT};Parent=0000000000000001`],
    ['a duplicated Sampled', `${ROOT};${PARENT};Sampled=0;Sampled=1`],
    ['an all-zero trace id', `Root=1-00000000-000000000000000000000000;${PARENT}`],
    ['an all-zero parent id', `${ROOT};Parent=0000000000000000`],
    ['a NUL inside a value', `${ROOT};Parent=53995c3f\u000042cd8ad8`],
    ['over 2048 characters', `${ROOT};${PARENT};Sampled=1;Lineage=${'a'.repeat(2048)}`],
    ['a megabyte of separators', ';'.repeat(1_048_576)],
  ])('rejects %s', (_name, value) => {
    expect(parseXRayTraceHeader(value)).toBeUndefined();
  });

  it('never throws and only returns valid remote contexts, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc
            .array(
              fc.tuple(
                fc.constantFrom('Root', 'Parent', 'Sampled', 'Self', 'Lineage', ' Root', 'x'),
                fc.oneof(
                  fc.constantFrom('1-5759e988-bd862e3fe1be46a994272793', SPAN_ID, '1', '0', '?'),
                  fc.string(),
                ),
              ),
              { maxLength: 6 },
            )
            .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(';')),
        ),
        (value) => {
          const result = parseXRayTraceHeader(value);
          if (result !== undefined) {
            expect(result.isRemote).toBe(true);
            expect(result.traceId).toMatch(/^[0-9a-f]{32}$/);
            expect(result.spanId).toMatch(/^[0-9a-f]{16}$/);
            expect([TraceFlags.NONE, TraceFlags.SAMPLED]).toContain(result.traceFlags);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
