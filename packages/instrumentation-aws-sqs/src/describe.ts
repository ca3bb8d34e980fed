import {
  ATTR_AWS_SQS_QUEUE_URL,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  MESSAGING_OPERATION_TYPE,
  MESSAGING_SYSTEM_AWS_SQS,
  type MessagingOperation,
  type MessagingSemconv,
  SEMCONV_V1_44,
} from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';
import type { SqsMessage } from './types.js';

/**
 * Pure descriptions of SQS calls: command inputs and outputs in, operations and attributes out.
 * No spans, no side effects, so all of it is unit-tested without a broker.
 */

/** A queue as its URL tells it: the name is the last path segment, the host is the server. */
export interface QueueInfo {
  readonly url: string;
  readonly name: string | undefined;
  readonly address: string | undefined;
  readonly port: number | undefined;
}

const DEFAULT_PORTS: Record<string, number> = { 'https:': 443, 'http:': 80 };

// Parsing a URL costs microseconds and every call names its queue again; applications use a
// handful of queues, so the last few hundred are kept (bounded: URLs can come from input).
const knownQueues = new Map<string, QueueInfo>();
const MAX_KNOWN_QUEUES = 256;

/** The queue a `QueueUrl` names; an unparseable URL still yields its text as the URL. */
export function queueOf(queueUrl: unknown): QueueInfo | undefined {
  if (typeof queueUrl !== 'string' || queueUrl === '') return undefined;
  let queue = knownQueues.get(queueUrl);
  if (queue === undefined) {
    queue = parseQueueUrl(queueUrl);
    if (knownQueues.size >= MAX_KNOWN_QUEUES) knownQueues.clear();
    knownQueues.set(queueUrl, queue);
  }
  return queue;
}

function parseQueueUrl(queueUrl: string): QueueInfo {
  try {
    const url = new URL(queueUrl);
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
    return {
      url: queueUrl,
      name: segments.at(-1),
      address: url.hostname || undefined,
      port,
    };
  } catch {
    return { url: queueUrl, name: undefined, address: undefined, port: undefined };
  }
}

/** `arn:aws:sqs:region:account:name`, as Lambda event records name their queue. */
export function queueOfArn(arn: unknown): QueueInfo | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs' || !parts[5]) return undefined;
  return { url: '', name: parts[5], address: undefined, port: undefined };
}

function queueAttributes(queue: QueueInfo | undefined): Attributes {
  const attributes: Attributes = {};
  if (!queue) return attributes;
  if (queue.url) attributes[ATTR_AWS_SQS_QUEUE_URL] = queue.url;
  if (queue.address) attributes[ATTR_SERVER_ADDRESS] = queue.address;
  if (queue.port !== undefined) attributes[ATTR_SERVER_PORT] = queue.port;
  return attributes;
}

function operation(
  type: MessagingOperation['type'],
  name: string,
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv,
  recordedAttributes?: Attributes,
): MessagingOperation {
  return {
    system: MESSAGING_SYSTEM_AWS_SQS,
    type,
    name,
    destination: queue?.name,
    attributes: queueAttributes(queue),
    recordedAttributes,
    semconv,
  };
}

// The operations of a known queue never change: built once per queue and kind, never mutated
// (span start copies their attributes).
const queueOperations = new WeakMap<QueueInfo, Map<string, MessagingOperation>>();

function queueOperation(
  type: MessagingOperation['type'],
  name: string,
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv,
): MessagingOperation {
  if (!queue) return operation(type, name, queue, semconv);
  let operations = queueOperations.get(queue);
  if (!operations) {
    operations = new Map();
    queueOperations.set(queue, operations);
  }
  let cached = operations.get(name);
  // Built anew only when the instrumentation's conventions changed (a setConfig).
  if (cached?.semconv !== semconv) {
    cached = operation(type, name, queue, semconv);
    operations.set(name, cached);
  }
  return cached;
}

/** `SendMessage` and `SendMessageBatch`: `send {queue}`. */
export const sendOperation = (
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation => queueOperation(MESSAGING_OPERATION_TYPE.SEND, 'send', queue, semconv);

/** One message of a batch send, with `createSpanPerMessage`: `create {queue}`. */
export const createOperation = (
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation => queueOperation(MESSAGING_OPERATION_TYPE.CREATE, 'create', queue, semconv);

/** `ReceiveMessage`: `receive {queue}`. */
export const receiveOperation = (
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation =>
  queueOperation(MESSAGING_OPERATION_TYPE.RECEIVE, 'receive', queue, semconv);

/** `DeleteMessage` and `DeleteMessageBatch`: a settle operation, `delete {queue}`. */
export const deleteOperation = (
  queue: QueueInfo | undefined,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation => queueOperation(MESSAGING_OPERATION_TYPE.SETTLE, 'delete', queue, semconv);

/** The application's work on one message (or one batch when `message` is omitted). */
export function processOperation(
  queue: QueueInfo | undefined,
  message?: SqsMessage,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const id = message?.MessageId;
  return operation(
    MESSAGING_OPERATION_TYPE.PROCESS,
    'process',
    queue,
    semconv,
    typeof id === 'string' && id ? { [ATTR_MESSAGING_MESSAGE_ID]: id } : undefined,
  );
}

/** The per-link attributes of a received message. */
export function messageLinkAttributes(message: SqsMessage): Attributes | undefined {
  const id = message.MessageId;
  return typeof id === 'string' && id ? { [ATTR_MESSAGING_MESSAGE_ID]: id } : undefined;
}

/** When SQS accepted the message (epoch ms), from the `SentTimestamp` system attribute. */
export function sentTimestampOf(message: SqsMessage): number | undefined {
  const value = message.Attributes?.SentTimestamp;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return undefined;
  return Number(value);
}

/** The `Messages` of a `ReceiveMessage` response, tolerating a malformed one. */
export function messagesOf(output: unknown): SqsMessage[] {
  if (!output || typeof output !== 'object') return [];
  const messages = (output as { Messages?: unknown }).Messages;
  if (!Array.isArray(messages)) return [];
  return messages.filter((m): m is SqsMessage => !!m && typeof m === 'object');
}

/** A batch response's `Successful` entries: entry id → message id. */
export function batchMessageIdsOf(output: unknown): Map<string, string> {
  const ids = new Map<string, string>();
  if (!output || typeof output !== 'object') return ids;
  const successful = (output as { Successful?: unknown }).Successful;
  if (!Array.isArray(successful)) return ids;
  for (const entry of successful) {
    if (!entry || typeof entry !== 'object') continue;
    const { Id, MessageId } = entry as { Id?: unknown; MessageId?: unknown };
    if (typeof Id === 'string' && typeof MessageId === 'string') ids.set(Id, MessageId);
  }
  return ids;
}

/** A batch response's `Failed` entries: `{ Id, Code, SenderFault, Message }`. */
export interface BatchFailure {
  id: string;
  code: string;
  senderFault: boolean;
}

export function batchFailuresOf(output: unknown): BatchFailure[] {
  if (!output || typeof output !== 'object') return [];
  const failed = (output as { Failed?: unknown }).Failed;
  if (!Array.isArray(failed)) return [];
  return failed
    .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object')
    .map((f) => ({
      id: typeof f.Id === 'string' ? f.Id : '',
      code: typeof f.Code === 'string' ? f.Code : 'unknown',
      senderFault: f.SenderFault === true,
    }));
}
