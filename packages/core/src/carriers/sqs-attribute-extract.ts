/**
 * The consumer side of the SQS carrier: trace context out of received message attributes, else
 * the `AWSTraceHeader` system attribute. Broker data is untrusted: nothing here throws.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import {
  type Context,
  context,
  type SpanContext,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { extractContext } from '../propagation.js';
import { isObject } from '../values.js';
import { FORBIDDEN_NAMES, hasOwn, type SqsMessageAttributes } from './sqs-attribute-size.js';
import { AWS_TRACE_HEADER, parseXRayTraceHeader } from './xray.js';

/** A received message as the SDK returns it; only the parts extraction reads. */
export interface SqsReceivedMessageLike {
  MessageAttributes?: SqsMessageAttributes | undefined;
  Attributes?: Partial<Record<string, string>> | undefined;
}

// Longer values are not trace context from any propagator we know; refusing them bounds the work
// a hostile message can cause in the propagator's own parsing.
const MAX_READ_VALUE_LENGTH = 8192;

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
