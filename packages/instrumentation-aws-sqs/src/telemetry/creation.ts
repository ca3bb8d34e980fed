import {
  extractContext,
  extractSqsMessageContext,
  isObject,
  recordGetter,
  type SqsMessageAttributes,
} from '@msgtrace/core';
import { type Context, ROOT_CONTEXT } from '@opentelemetry/api';
import { snsEnvelopeCarrier } from '../sns-envelope.js';
import type { AwsSqsInstrumentationConfig, SqsMessage } from '../types.js';

/**
 * A message's creation context as its attributes, `AWSTraceHeader` or SNS envelope carry it.
 * Messages this instrumentation received are looked up in `receivedMessages()` instead: their
 * propagation attributes are gone by the time the application has them.
 */
export function creationOf(
  message: SqsMessage,
  config: AwsSqsInstrumentationConfig,
): Context | undefined {
  return fromMessage(message, config).creation;
}

interface Found {
  creation: Context | undefined;
  /** Set when the creation context came from the message attributes (the only case memoised). */
  fromAttributes: boolean;
}

function fromMessage(message: SqsMessage, config: AwsSqsInstrumentationConfig): Found {
  const extracted = extractSqsMessageContext(message, ROOT_CONTEXT);
  if (extracted.spanContext) {
    return {
      creation: extracted.context,
      fromAttributes: extracted.source === 'message-attributes',
    };
  }
  if (config.readSnsEnvelope === false) return { creation: undefined, fromAttributes: false };
  const carrier = snsEnvelopeCarrier(message.Body);
  if (!carrier) return { creation: undefined, fromAttributes: false };
  const fromEnvelope = extractContext(carrier, recordGetter, ROOT_CONTEXT);
  return {
    creation: fromEnvelope.spanContext ? fromEnvelope.context : undefined,
    fromAttributes: false,
  };
}

/**
 * The creation contexts of one `ReceiveMessage` answer's messages, in order. The messages of one
 * `SendMessageBatch` all carry the same context, so an answer holds runs of messages whose
 * attribute maps are identical: when a message's attributes equal (same names in the same order,
 * every value a string equal to the other's) those of the message before, whose context came
 * from its attributes, the propagator would read the same carrier and find the same context, so
 * that context is given again without extracting. Anything else (binary or list values, a context
 * from `AWSTraceHeader` or an SNS envelope, no context) is extracted as before.
 */
export class CreationMemo {
  private attributes: SqsMessageAttributes | undefined;
  private names: string[] | undefined;
  private creation: Context | undefined;

  constructor(private readonly config: AwsSqsInstrumentationConfig) {}

  of(message: SqsMessage): Context | undefined {
    const attributes = message.MessageAttributes;
    if (this.attributes !== undefined && this.names !== undefined && isObject(attributes)) {
      if (sameStringAttributes(attributes, this.attributes, this.names)) return this.creation;
    }
    const found = fromMessage(message, this.config);
    const names = found.fromAttributes ? stringAttributeNames(attributes) : undefined;
    this.attributes = names ? attributes : undefined;
    this.names = names;
    this.creation = found.creation;
    return found.creation;
  }
}

/** The names of a map whose every value is an own string `StringValue`; else undefined. */
function stringAttributeNames(attributes: unknown): string[] | undefined {
  try {
    if (!isObject(attributes)) return undefined;
    const names = Object.keys(attributes);
    for (const name of names) {
      if (typeof stringValueOf(attributes[name]) !== 'string') return undefined;
    }
    return names;
  } catch {
    return undefined;
  }
}

function stringValueOf(attribute: unknown): string | undefined {
  if (!isObject(attribute) || !Object.hasOwn(attribute, 'StringValue')) return undefined;
  const value = attribute.StringValue;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether `attributes` has exactly `names` (the names of `previous`, a map of string values), in
 * that order, each with an own string value equal to `previous`'s. Never throws.
 */
export function sameStringAttributes(
  attributes: Record<string, unknown>,
  previous: Record<string, unknown>,
  names: readonly string[],
): boolean {
  try {
    const own = Object.keys(attributes);
    if (own.length !== names.length) return false;
    for (let i = 0; i < own.length; i++) {
      const name = own[i] as string;
      if (name !== names[i]) return false;
      const value = stringValueOf(attributes[name]);
      if (value === undefined || value !== stringValueOf(previous[name])) return false;
    }
    return true;
  } catch {
    return false;
  }
}
