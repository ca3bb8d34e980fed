import { unwrapMethod, wrapMethod } from '@msgtrace/core';
import { processMessage, processMessages } from '../process-message.js';
import type { SqsMessage } from '../types.js';

interface ConsumerPrototype {
  executeHandler?: (message: SqsMessage) => Promise<unknown>;
  executeBatchHandler?: (messages: SqsMessage[]) => Promise<unknown>;
}

/** The exports of `sqs-consumer`'s `dist/cjs/consumer.js`. */
export interface SqsConsumerModule {
  Consumer?: { prototype: ConsumerPrototype };
}

/**
 * sqs-consumer hands each message to `executeHandler` (which calls `handleMessage`) and each
 * batch to `executeBatchHandler` (`handleMessageBatch`): wrapping those gives the app's handler a
 * `process {queue}` span, a child of (or linked to) the message's creation context, or one span
 * linking to every message of a batch.
 */
export function instrumentConsumerModule(exports: SqsConsumerModule): SqsConsumerModule {
  const prototype = exports?.Consumer?.prototype;
  if (!prototype) return exports;
  wrapMethod(prototype, 'executeHandler', (original) =>
    original
      ? function executeHandler(this: { queueUrl?: string }, message: SqsMessage) {
          return processMessage(message, () => original.call(this, message), queueUrlOf(this));
        }
      : original,
  );
  wrapMethod(prototype, 'executeBatchHandler', (original) =>
    original
      ? function executeBatchHandler(this: { queueUrl?: string }, messages: SqsMessage[]) {
          return processMessages(messages, () => original.call(this, messages), queueUrlOf(this));
        }
      : original,
  );
  return exports;
}

function queueUrlOf(consumer: { queueUrl?: unknown }): { queueUrl?: string } {
  return typeof consumer?.queueUrl === 'string' ? { queueUrl: consumer.queueUrl } : {};
}

export function restoreConsumerModule(exports: SqsConsumerModule): void {
  const prototype = exports?.Consumer?.prototype;
  if (!prototype) return;
  unwrapMethod(prototype, 'executeHandler');
  unwrapMethod(prototype, 'executeBatchHandler');
}
