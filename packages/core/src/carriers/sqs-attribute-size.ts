/**
 * What an SQS message weighs against its limits, and the attribute shapes every SQS carrier
 * module shares.
 */
import { Buffer } from 'node:buffer';
import { isObject } from '../values.js';

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

// Names that would read or write an object's prototype machinery instead of an attribute.
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

export const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

// No UTF-16 code unit takes more than 3 UTF-8 bytes, so this bounds the size without scanning.
export const utf8UpperBound = (s: string): number => s.length * 3;

export function attributeSize(
  name: string,
  value: unknown,
  stringBytes: (s: string) => number,
): number {
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

export function measure(
  body: unknown,
  attributes: unknown,
  stringBytes: (s: string) => number,
): number {
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
