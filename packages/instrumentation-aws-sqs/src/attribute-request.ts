import type { SqsMessageAttributes } from '@msgtrace/core';
import { AWS_TRACE_HEADER, extensibleCopy } from '@msgtrace/core';
import { AttributesMd5Memo } from './attribute-md5.js';
import type { SqsMessage } from './types.js';

/**
 * `ReceiveMessage` returns only the attributes a request names. msgtrace names the ones it needs
 * in a copy of the caller's input, then takes what the caller did not name off each returned
 * message: the application sees exactly the response it would have had without msgtrace.
 */

/** Which attribute names a request asked for: everything, or a test per name. */
type NameFilter = (name: string) => boolean;

const ALL: NameFilter = () => true;

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// `All` or `.*` mean every attribute; `prefix.*` every name starting with `prefix.`.
function messageAttributeFilter(names: string[]): NameFilter {
  if (names.includes('All') || names.includes('.*')) return ALL;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const name of names) {
    if (name.endsWith('.*')) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return (name) => exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

function systemAttributeFilter(names: string[]): NameFilter {
  if (names.includes('All')) return ALL;
  const exact = new Set(names);
  return (name) => exact.has(name);
}

/** A widened request, and how to restore a response to what the caller's own request yields. */
export interface WidenedReceive {
  input: Record<string, unknown>;
  /** Removes from a returned message what the caller did not ask for (mutates the SDK's output). */
  restore(message: SqsMessage): void;
}

/**
 * Copies `input` adding `messageAttributeNames` (the propagator's fields) and `systemAttributeNames`
 * (`AWSTraceHeader`, `SentTimestamp`) to what it asks for. The caller's input is not touched.
 */
export function widenReceive(
  input: Readonly<Record<string, unknown>>,
  messageAttributeNames: readonly string[],
  systemAttributeNames: readonly string[],
): WidenedReceive {
  const callerMessageNames = stringsOf(input.MessageAttributeNames);
  // `AttributeNames` is the deprecated spelling; SQS honours both, and so must the filter.
  const callerSystemNames = [
    ...stringsOf(input.MessageSystemAttributeNames),
    ...stringsOf(input.AttributeNames),
  ];
  const keepMessage = messageAttributeFilter(callerMessageNames);
  const keepSystem = systemAttributeFilter(callerSystemNames);

  const copy: Record<string, unknown> = extensibleCopy(input);
  const addedMessage = messageAttributeNames.filter((name) => !keepMessage(name));
  if (addedMessage.length > 0)
    copy.MessageAttributeNames = [...callerMessageNames, ...addedMessage];
  const addedSystem = systemAttributeNames.filter((name) => !keepSystem(name));
  if (addedSystem.length > 0) {
    copy.MessageSystemAttributeNames = [
      ...stringsOf(input.MessageSystemAttributeNames),
      ...addedSystem,
    ];
  }
  const stripsMessage = addedMessage.length > 0;
  const stripsSystem = addedSystem.length > 0;
  // One per call: the messages of one answer often keep identical attributes.
  const digests = new AttributesMd5Memo();

  return {
    input: copy,
    restore(message) {
      if (stripsMessage) restoreMessageAttributes(message, keepMessage, digests);
      if (stripsSystem) restoreSystemAttributes(message, keepSystem);
    },
  };
}

function restoreMessageAttributes(
  message: SqsMessage,
  keep: NameFilter,
  digests: AttributesMd5Memo,
): void {
  const attributes = message.MessageAttributes;
  if (!attributes || typeof attributes !== 'object') return;
  // A new map of what the caller asked for, rather than deleting from the SDK's: deleting keys
  // sends V8 objects into slow dictionary mode for the application too.
  const kept: SqsMessageAttributes = {};
  let removed = false;
  let remaining = 0;
  for (const name of Object.keys(attributes)) {
    if (keep(name)) {
      // A plain assignment, except for a `__proto__` name, which would set the prototype.
      if (name === '__proto__') {
        Object.defineProperty(kept, name, {
          value: attributes[name],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        kept[name] = attributes[name] as SqsMessageAttributes[string];
      }
      remaining += 1;
    } else {
      removed = true;
    }
  }
  if (!removed) return;
  if (remaining === 0) {
    delete message.MessageAttributes;
    delete message.MD5OfMessageAttributes;
    return;
  }
  message.MessageAttributes = kept;
  const md5 = digests.of(kept);
  if (md5 !== undefined) message.MD5OfMessageAttributes = md5;
}

function restoreSystemAttributes(message: SqsMessage, keep: NameFilter): void {
  const attributes = message.Attributes;
  if (!attributes || typeof attributes !== 'object') return;
  for (const name of Object.keys(attributes)) {
    if (!keep(name)) delete attributes[name];
  }
  if (Object.keys(attributes).length === 0) delete message.Attributes;
}

/** The system attributes msgtrace reads: the X-Ray header always, the send time for metrics. */
export function systemAttributesToRead(withSentTimestamp: boolean): string[] {
  return withSentTimestamp ? [AWS_TRACE_HEADER, 'SentTimestamp'] : [AWS_TRACE_HEADER];
}
