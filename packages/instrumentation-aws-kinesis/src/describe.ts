import {
  ATTR_AWS_KINESIS_STREAM_NAME,
  ATTR_MESSAGING_DESTINATION_PARTITION_ID,
  ATTR_MESSAGING_MESSAGE_BODY_SIZE,
  ATTR_MESSAGING_MESSAGE_ID,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  MESSAGING_SYSTEM_AWS_KINESIS,
  type MessagingOperation,
  type MessagingSemconv,
  SEMCONV_V1_44,
} from '@msgtrace/core';
import type { Attributes } from '@opentelemetry/api';
import { ATTR_MSGTRACE_PARTITION_KEY } from './attributes.js';

/**
 * Pure descriptions of Kinesis calls: SDK inputs and outputs in, operations and attributes out,
 * unit-tested without a stream.
 */

/** Where the SDK sent the request. */
export interface ServerInfo {
  address?: string | undefined;
  port?: number | undefined;
}

/** Stream addressing of a call's input: name, ARN, or both. */
export interface StreamAddress {
  StreamName?: unknown;
  StreamARN?: unknown;
}

/**
 * The stream name in a stream ARN (`arn:aws:kinesis:region:account:stream/NAME`, also with a
 * `/consumer/…` suffix as in consumer ARNs), or undefined for anything else.
 */
export function streamNameFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const at = arn.indexOf(':stream/');
  if (at < 0) return undefined;
  const name = arn.slice(at + ':stream/'.length).split('/', 1)[0];
  return name ? name : undefined;
}

/** The stream a call addresses: its `StreamName`, else the name in its `StreamARN`. */
export function streamNameOf(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const { StreamName, StreamARN } = input as StreamAddress;
  if (typeof StreamName === 'string' && StreamName) return StreamName;
  return streamNameFromArn(StreamARN);
}

/** `shardId-000000000006` out of a Lambda `eventID` (`shardId-000000000006:4959…`). */
export function shardIdFromEventId(eventId: unknown): string | undefined {
  if (typeof eventId !== 'string') return undefined;
  const colon = eventId.indexOf(':');
  const shard = colon < 0 ? eventId : eventId.slice(0, colon);
  return shard.startsWith('shardId-') ? shard : undefined;
}

/** Bytes of record data as Kinesis counts them; 0 for what is not data. */
export function dataByteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof Uint8Array) return data.byteLength;
  return 0;
}

function streamAttributes(streamName: string | undefined, server?: ServerInfo): Attributes {
  const attributes: Attributes = {};
  if (streamName) attributes[ATTR_AWS_KINESIS_STREAM_NAME] = streamName;
  if (server) Object.assign(attributes, serverAttributes(server));
  return attributes;
}

/** `server.address` / `server.port` of the endpoint the SDK resolved. */
export function serverAttributes(server: ServerInfo): Attributes {
  const attributes: Attributes = {};
  if (server.address) attributes[ATTR_SERVER_ADDRESS] = server.address;
  if (server.port) attributes[ATTR_SERVER_PORT] = server.port;
  return attributes;
}

/**
 * A `send` (`PutRecord`, `PutRecords`) or `create` (one record of `PutRecords`) operation.
 * `record` is given for single-record operations: its body size and, on request, its key.
 */
export function producerOperation(
  type: 'send' | 'create',
  streamName: string | undefined,
  record: { Data?: unknown; PartitionKey?: unknown } | undefined,
  captureKey: boolean,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  return {
    system: MESSAGING_SYSTEM_AWS_KINESIS,
    type,
    name: type,
    destination: streamName,
    attributes: streamAttributes(streamName),
    recordedAttributes: record ? recordAttributes(record, captureKey) : undefined,
    semconv,
  };
}

function recordAttributes(
  record: { Data?: unknown; PartitionKey?: unknown },
  captureKey: boolean,
): Attributes {
  const attributes: Attributes = {};
  if (record.Data !== undefined)
    attributes[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = dataByteLength(record.Data);
  if (captureKey && typeof record.PartitionKey === 'string') {
    attributes[ATTR_MSGTRACE_PARTITION_KEY] = record.PartitionKey;
  }
  return attributes;
}

/** A `GetRecords` call's `receive` operation; the shard is the partition. */
export function receiveOperation(
  streamName: string | undefined,
  shardId: string | undefined,
  server: ServerInfo,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  return {
    system: MESSAGING_SYSTEM_AWS_KINESIS,
    type: 'receive',
    name: 'receive',
    destination: streamName,
    attributes: streamAttributes(streamName, server),
    recordedAttributes: shardId
      ? { [ATTR_MESSAGING_DESTINATION_PARTITION_ID]: shardId }
      : undefined,
    semconv,
  };
}

/** One record's `process` operation: the shard is the partition, the sequence number the id. */
export function processOperation(
  streamName: string | undefined,
  shardId: string | undefined,
  record: { sequenceNumber?: unknown; partitionKey?: unknown; size?: number | undefined },
  captureKey: boolean,
  semconv: MessagingSemconv = SEMCONV_V1_44,
): MessagingOperation {
  const recorded: Attributes = {};
  if (shardId) recorded[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = shardId;
  if (typeof record.sequenceNumber === 'string' && record.sequenceNumber) {
    recorded[ATTR_MESSAGING_MESSAGE_ID] = record.sequenceNumber;
  }
  if (record.size !== undefined) recorded[ATTR_MESSAGING_MESSAGE_BODY_SIZE] = record.size;
  if (captureKey && typeof record.partitionKey === 'string') {
    recorded[ATTR_MSGTRACE_PARTITION_KEY] = record.partitionKey;
  }
  return {
    system: MESSAGING_SYSTEM_AWS_KINESIS,
    type: 'process',
    name: 'process',
    destination: streamName,
    attributes: streamAttributes(streamName),
    recordedAttributes: recorded,
    semconv,
  };
}

/** What varies per record on a link: its sequence number and shard. */
export function recordLinkAttributes(
  sequenceNumber: unknown,
  shardId: string | undefined,
): Attributes | undefined {
  const hasSequence = typeof sequenceNumber === 'string' && sequenceNumber !== '';
  if (!hasSequence && !shardId) return undefined;
  const attributes: Attributes = {};
  if (hasSequence) attributes[ATTR_MESSAGING_MESSAGE_ID] = sequenceNumber;
  if (shardId) attributes[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = shardId;
  return attributes;
}

/** Where one record landed: `PutRecord`'s answer or one entry of `PutRecords`'. */
export function placementAttributes(result: unknown): Attributes {
  const attributes: Attributes = {};
  if (!result || typeof result !== 'object') return attributes;
  const { ShardId, SequenceNumber } = result as { ShardId?: unknown; SequenceNumber?: unknown };
  if (typeof ShardId === 'string' && ShardId) {
    attributes[ATTR_MESSAGING_DESTINATION_PARTITION_ID] = ShardId;
  }
  if (typeof SequenceNumber === 'string' && SequenceNumber) {
    attributes[ATTR_MESSAGING_MESSAGE_ID] = SequenceNumber;
  }
  return attributes;
}

/** One record `PutRecords` could not write. */
export interface FailedRecord {
  index: number;
  errorCode: string;
  errorMessage: string | undefined;
}

/** The per-record outcome of a `PutRecords` answer. */
export interface PutRecordsOutcome {
  /** `FailedRecordCount` as answered, else counted from the entries. */
  failedCount: number;
  /** Records written. */
  succeeded: number;
  failures: FailedRecord[];
}

/** Reads a `PutRecords` answer: which records failed, and why. */
export function putRecordsOutcome(output: unknown, sent: number): PutRecordsOutcome {
  const failures: FailedRecord[] = [];
  const { Records, FailedRecordCount } = (output ?? {}) as {
    Records?: unknown;
    FailedRecordCount?: unknown;
  };
  if (Array.isArray(Records)) {
    Records.forEach((entry: unknown, index) => {
      const { ErrorCode, ErrorMessage } = (entry ?? {}) as {
        ErrorCode?: unknown;
        ErrorMessage?: unknown;
      };
      if (typeof ErrorCode === 'string' && ErrorCode) {
        failures.push({
          index,
          errorCode: ErrorCode,
          errorMessage: typeof ErrorMessage === 'string' ? ErrorMessage : undefined,
        });
      }
    });
  }
  const failedCount =
    typeof FailedRecordCount === 'number' && Number.isFinite(FailedRecordCount)
      ? FailedRecordCount
      : failures.length;
  return { failedCount, succeeded: Math.max(0, sent - failedCount), failures };
}

/** A record's arrival time in epoch ms: a Date from GetRecords, epoch seconds from Lambda. */
export function arrivalMs(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value * 1000;
  return undefined;
}
