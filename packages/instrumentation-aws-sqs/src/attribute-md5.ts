import * as crypto from 'node:crypto';
import type { SqsMessageAttributes } from '@msgtrace/core';

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

// `crypto.hash` (Node 20.12+) digests in one native call, without the Hash object `createHash`
// builds: about a third of the cost for inputs this small.
const oneShotHash = (
  crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }
).hash;

function md5Hex(bytes: Uint8Array): string {
  return oneShotHash
    ? oneShotHash('md5', bytes, 'hex')
    : crypto.createHash('md5').update(bytes).digest('hex');
}

/**
 * The `MD5OfMessageAttributes` SQS computes: attributes sorted by name, each as length-prefixed
 * name, length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed
 * value. Needed because stripping attributes the caller did not ask for must leave a digest that
 * matches what remains, as SQS would have returned it. Undefined when a value has a shape SQS
 * itself would not return (list values).
 */
export function messageAttributesMd5(attributes: SqsMessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  // First the size, then one buffer written in place: no buffer per field, no concatenation.
  let size = 0;
  for (const name of names) {
    const value = attributes[name];
    const dataType = value?.DataType;
    if (!value || typeof dataType !== 'string') return undefined;
    size += 4 + Buffer.byteLength(name, 'utf8') + 4 + Buffer.byteLength(dataType, 'utf8') + 1 + 4;
    if (typeof value.StringValue === 'string') size += Buffer.byteLength(value.StringValue, 'utf8');
    else if (value.BinaryValue instanceof Uint8Array) size += value.BinaryValue.byteLength;
    else return undefined;
  }
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  const text = (value: string) => {
    const length = bytes.write(value, at + 4, 'utf8');
    bytes.writeUInt32BE(length, at);
    at += 4 + length;
  };
  for (const name of names) {
    const value = attributes[name] as NonNullable<SqsMessageAttributes[string]>;
    text(name);
    text(value.DataType as string);
    if (typeof value.StringValue === 'string') {
      bytes[at++] = STRING_TRANSPORT;
      text(value.StringValue);
    } else {
      const binary = value.BinaryValue as Uint8Array;
      bytes[at++] = BINARY_TRANSPORT;
      bytes.writeUInt32BE(binary.byteLength, at);
      bytes.set(binary, at + 4);
      at += 4 + binary.byteLength;
    }
  }
  return md5Hex(bytes);
}

/**
 * `messageAttributesMd5` for the messages of one `ReceiveMessage` answer, in order: messages of
 * one batch send usually keep the same attributes once the propagation fields are off, so when a
 * map has the same names in the same order as the one before, each with the same string
 * `DataType` and `StringValue`, the digest before is the digest (it depends on nothing else).
 * Binary values are digested every time.
 */
export class AttributesMd5Memo {
  private previous: SqsMessageAttributes | undefined;
  private names: string[] = [];
  private md5: string | undefined;

  of(attributes: SqsMessageAttributes): string | undefined {
    const names = Object.keys(attributes);
    const previous = this.previous;
    if (previous !== undefined && sameStringValues(attributes, names, previous, this.names)) {
      return this.md5;
    }
    const md5 = messageAttributesMd5(attributes);
    this.previous =
      md5 !== undefined && allStringValues(attributes, names) ? attributes : undefined;
    this.names = names;
    this.md5 = md5;
    return md5;
  }
}

function allStringValues(attributes: SqsMessageAttributes, names: readonly string[]): boolean {
  for (const name of names) {
    const value = attributes[name];
    if (typeof value?.DataType !== 'string' || typeof value.StringValue !== 'string') return false;
  }
  return true;
}

function sameStringValues(
  attributes: SqsMessageAttributes,
  names: readonly string[],
  previous: SqsMessageAttributes,
  previousNames: readonly string[],
): boolean {
  if (names.length !== previousNames.length) return false;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name !== previousNames[i]) return false;
    const value = attributes[name];
    const before = previous[name];
    const dataType = value?.DataType;
    const text = value?.StringValue;
    if (typeof dataType !== 'string' || typeof text !== 'string') return false;
    if (dataType !== before?.DataType || text !== before.StringValue) return false;
  }
  return true;
}
