import type { SqsMessageAttributes } from '@msgtrace/core';
import { type QueueInfo, queueOfArn } from './describe.js';
import type { SqsMessage } from './types.js';

/**
 * An SQS record of an AWS Lambda event: the same message, spelled in camelCase, binary values in
 * base64, and the queue named by ARN.
 */
export interface LambdaSqsRecord {
  messageId?: string;
  body?: string;
  attributes?: Partial<Record<string, string>>;
  messageAttributes?: Record<
    string,
    { dataType?: string; stringValue?: string | null; binaryValue?: string | null }
  >;
  eventSourceARN?: string;
}

export function isLambdaSqsRecord(value: unknown): value is LambdaSqsRecord {
  return (
    !!value &&
    typeof value === 'object' &&
    ('messageId' in value || 'eventSourceARN' in value) &&
    !('MessageId' in value)
  );
}

/** The record as the SDK would have returned the message, and its queue. */
export function fromLambdaRecord(record: LambdaSqsRecord): {
  message: SqsMessage;
  queue: QueueInfo | undefined;
} {
  const attributes: SqsMessageAttributes = {};
  const source = record.messageAttributes;
  if (source && typeof source === 'object') {
    for (const [name, value] of Object.entries(source)) {
      if (name === '__proto__' || !value || typeof value !== 'object') continue;
      if (typeof value.stringValue === 'string') {
        attributes[name] = { DataType: value.dataType ?? 'String', StringValue: value.stringValue };
      } else if (typeof value.binaryValue === 'string') {
        attributes[name] = {
          DataType: value.dataType ?? 'Binary',
          BinaryValue: Buffer.from(value.binaryValue, 'base64'),
        };
      }
    }
  }
  return {
    message: {
      MessageId: record.messageId,
      Body: record.body,
      Attributes: record.attributes,
      MessageAttributes: attributes,
    },
    queue: queueOfArn(record.eventSourceARN),
  };
}
