import { createHash } from 'node:crypto';
import type { SqsMessageAttributes } from '@msgtrace/core';

const STRING_TRANSPORT = Buffer.of(1);
const BINARY_TRANSPORT = Buffer.of(2);

function lengthPrefixed(parts: Uint8Array[], bytes: Uint8Array): void {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.byteLength);
  parts.push(length, bytes);
}

/**
 * The `MD5OfMessageAttributes` SQS computes: attributes sorted by name, each as length-prefixed
 * name, length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed
 * value. Needed because stripping attributes the caller did not ask for must leave a digest that
 * matches what remains, as SQS would have returned it. Undefined when a value has a shape SQS
 * itself would not return (list values).
 */
export function messageAttributesMd5(attributes: SqsMessageAttributes): string | undefined {
  const parts: Uint8Array[] = [];
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name];
    const dataType = value?.DataType;
    if (!value || typeof dataType !== 'string') return undefined;
    lengthPrefixed(parts, Buffer.from(name, 'utf8'));
    lengthPrefixed(parts, Buffer.from(dataType, 'utf8'));
    if (typeof value.StringValue === 'string') {
      parts.push(STRING_TRANSPORT);
      lengthPrefixed(parts, Buffer.from(value.StringValue, 'utf8'));
    } else if (value.BinaryValue instanceof Uint8Array) {
      parts.push(BINARY_TRANSPORT);
      lengthPrefixed(parts, value.BinaryValue);
    } else {
      return undefined;
    }
  }
  // One hash call over one buffer: each `update` crosses into native code.
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
}
