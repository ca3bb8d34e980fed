import { createHash } from 'node:crypto';
import type { SqsMessageAttributes } from '@msgtrace/core';

/**
 * The `MD5OfMessageAttributes` SQS computes: attributes sorted by name, each as length-prefixed
 * name, length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed
 * value. Needed because stripping attributes the caller did not ask for must leave a digest that
 * matches what remains, as SQS would have returned it. Undefined when a value has a shape SQS
 * itself would not return (list values).
 */
export function messageAttributesMd5(attributes: SqsMessageAttributes): string | undefined {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Uint8Array): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.byteLength);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name];
    const dataType = value?.DataType;
    if (!value || typeof dataType !== 'string') return undefined;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(dataType, 'utf8'));
    if (typeof value.StringValue === 'string') {
      hash.update(Buffer.of(1));
      lengthPrefixed(Buffer.from(value.StringValue, 'utf8'));
    } else if (value.BinaryValue instanceof Uint8Array) {
      hash.update(Buffer.of(2));
      lengthPrefixed(value.BinaryValue);
    } else {
      return undefined;
    }
  }
  return hash.digest('hex');
}
