import { Buffer } from 'node:buffer';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  injectIntoJsonBody,
  type JsonBodyData,
  jsonBodyCarrierMemo,
  readJsonBody,
} from '../src/carriers/json-body';

const A = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
const B = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203332-01' };
const WITH_STATE = { ...A, tracestate: 'congo=t61rcWkgMzE' };

type Kind = readonly [name: string, make: (text: string) => JsonBodyData];
const KINDS: readonly Kind[] = [
  ['string', (t) => t],
  ['Buffer', (t) => Buffer.from(t, 'utf8')],
  ['Uint8Array', (t) => new Uint8Array(Buffer.from(t, 'utf8'))],
];

const bytesOf = (d: JsonBodyData): Buffer =>
  typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : Buffer.from(d.buffer, d.byteOffset, d.byteLength);

/** A body carrying `carrier` as injectIntoJsonBody writes it. */
function carrying(make: Kind[1], carrier: Record<string, string>, rest = '"id":1'): JsonBodyData {
  const result = injectIntoJsonBody(make(`{${rest}}`), carrier);
  if (!result.injected) throw new Error('not injected');
  return result.data;
}

/** What a read with the memo returns must be what a read without it returns. */
function expectSameRead(data: JsonBodyData, memoRead: ReturnType<typeof readJsonBody>): void {
  const plain = readJsonBody(data);
  expect(memoRead.stripped).toBe(plain.stripped);
  expect(memoRead.carrier).toEqual(plain.carrier);
  expect(memoRead.source).toBe(plain.source);
  expect(bytesOf(memoRead.data).equals(bytesOf(plain.data))).toBe(true);
  expect(Object.getPrototypeOf(memoRead.data)).toBe(Object.getPrototypeOf(plain.data));
  if (!plain.stripped) expect(memoRead.data).toBe(data);
}

describe.each(KINDS)('readJsonBody with a carrier memo (%s)', (_name, make) => {
  it('parses a carrier the bodies share once, and reads each body as without the memo', () => {
    const memo = jsonBodyCarrierMemo();
    const bodies = [1, 2, 3].map((i) => carrying(make, WITH_STATE, `"id":${i}`));
    const reads = bodies.map((data) => readJsonBody(data, { memo }));
    reads.forEach((read, i) => {
      expectSameRead(bodies[i] as JsonBodyData, read);
    });
    expect(reads[1]?.carrier).toBe(reads[0]?.carrier);
    expect(reads[2]?.carrier).toBe(reads[0]?.carrier);
  });

  it('reads a different carrier as its own, and the one after it too', () => {
    const memo = jsonBodyCarrierMemo();
    const first = readJsonBody(carrying(make, A), { memo });
    const other = readJsonBody(carrying(make, B), { memo });
    const again = readJsonBody(carrying(make, A), { memo });
    expect(first.carrier).toEqual(A);
    expect(other.carrier).toEqual(B);
    expect(again.carrier).toEqual(A);
  });

  it('still checks what follows the carrier: a remembered carrier in a broken body is no match', () => {
    const memo = jsonBodyCarrierMemo();
    const good = carrying(make, A);
    expect(readJsonBody(good, { memo }).stripped).toBe(true);
    const text = bytesOf(good).toString('utf8');
    for (const broken of [
      text.replace(',"id":1}', ',}'),
      text.replace('}', '} x'),
      text.slice(0, -1),
    ]) {
      const data = make(broken);
      const read = readJsonBody(data, { memo });
      expect(read).toEqual({ data, stripped: false });
      expect(read.data).toBe(data);
    }
  });

  it('never lets a carrier through a smaller budget because a larger one accepted it', () => {
    const memo = jsonBodyCarrierMemo();
    const data = carrying(make, A);
    expect(readJsonBody(data, { memo }).stripped).toBe(true);
    expect(readJsonBody(data, { memo, maxCarrierBytes: 20 })).toEqual({ data, stripped: false });
  });

  it('holds a copy: changing the body it was read from changes nothing later', () => {
    const memo = jsonBodyCarrierMemo();
    const first = typeof make('') === 'string' ? undefined : carrying(make, A);
    if (first === undefined || typeof first === 'string') return;
    expect(readJsonBody(first, { memo }).carrier).toEqual(A);
    // The app owns its bytes: overwrite the span id's last digit in place.
    const at = bytesOf(first).indexOf('3331-01');
    first[at + 3] = 0x32;
    expect(readJsonBody(carrying(make, A), { memo }).carrier).toEqual(A);
    expect(readJsonBody(first, { memo }).carrier).toEqual(B);
  });
});

describe('carrier memo properties', () => {
  it('any sequence of bodies reads with one memo exactly as without it', () => {
    const carriers = [A, B, WITH_STATE, { traceparent: 'x' }, {}];
    const shapes = ['"id":1', '"a":[1,2,{"b":"}"}]', ' "s" : "é\\"" ', '"n":12345678901234567890'];
    const body = fc.tuple(
      fc.constantFrom(...KINDS),
      fc.constantFrom(...carriers),
      fc.constantFrom(...shapes),
      fc.constantFrom('inject', 'plain', 'truncate'),
    );
    fc.assert(
      fc.property(fc.array(body, { maxLength: 12 }), (items) => {
        const memo = jsonBodyCarrierMemo();
        for (const [[, make], carrier, shape, how] of items) {
          const injected = injectIntoJsonBody(make(`{${shape}}`), carrier);
          let data = how === 'plain' ? make(`{${shape}}`) : injected.data;
          if (how === 'truncate') data = make(bytesOf(data).toString('utf8').slice(0, -2));
          expectSameRead(data, readJsonBody(data, { memo }));
        }
      }),
    );
  });
});
