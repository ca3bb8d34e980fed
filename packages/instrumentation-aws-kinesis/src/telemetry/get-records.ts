import {
  type AwsCall,
  type BatchMessage,
  defaultMaxLinks,
  extractContext,
  guard,
  type JsonBodyReadOptions,
  jsonBodyCarrierMemo,
  type Pipelines,
  readJsonBody,
  recordGetter,
  runUserHook,
  startBatchOperation,
} from '@msgtrace/core';
import { ROOT_CONTEXT, type SpanContext } from '@opentelemetry/api';
import { ATTR_MSGTRACE_MILLIS_BEHIND_LATEST } from '../attributes.js';
import { readOptionsOf } from '../config.js';
import {
  arrivalMs,
  receiveOperation,
  recordLinkAttributes,
  type ServerInfo,
  streamNameFromArn,
  streamNameOf,
} from '../describe.js';
import { receivedRecords } from '../received.js';
import type { ShardIterators } from '../shard-iterators.js';
import type { KinesisRecord } from '../types.js';
import { type KinesisTelemetrySource, setRequestId } from './source.js';

interface ReadRecords {
  /** The records as the application gets them: without our key, or as they were. */
  delivered: (KinesisRecord | undefined)[];
  /** Whether any record was copied (its key stripped). */
  changed: boolean;
  /** Each record's creation context and link attributes, for the receive span. */
  messages: BatchMessage[];
}

/**
 * Strips our key from every record, remembering each record's carrier for `processRecord`.
 * Records of one `PutRecords` carry the same context: a carrier identical to the one before is
 * neither parsed nor extracted again (the memo hands back the same carrier object).
 */
function readRecords(
  records: readonly (KinesisRecord | undefined)[],
  readOptions: JsonBodyReadOptions,
  streamName: string | undefined,
  shardId: string | undefined,
  pipelines: Pipelines | undefined,
): ReadRecords {
  const tracked = receivedRecords();
  const messages: BatchMessage[] = [];
  const delivered: (KinesisRecord | undefined)[] = [];
  const options: JsonBodyReadOptions = { ...readOptions, memo: jsonBodyCarrierMemo() };
  // Links past the SDK's limit are never built (startBatchSpan stops there): neither are their
  // attributes.
  let links = defaultMaxLinks();
  let lastCarrier: Record<string, string> | undefined;
  let lastCreation: SpanContext | undefined;
  let changed = false;
  for (const record of records) {
    if (!record || typeof record !== 'object') {
      delivered.push(record);
      messages.push({ creation: undefined });
      continue;
    }
    const read = readJsonBody(record.Data as Uint8Array, options);
    const out = read.stripped ? { ...record, Data: read.data } : record;
    if (read.stripped) changed = true;
    tracked.set(out, { carrier: read.carrier, streamName, shardId });
    // Each record's own pathway, recorded as it arrives; `processRecord` continues it.
    pipelines?.incomingFrom(read.carrier, recordGetter, 'aws_kinesis', streamName ?? '');
    delivered.push(out);
    if (read.carrier !== lastCarrier) {
      lastCarrier = read.carrier;
      lastCreation = read.carrier
        ? extractContext(read.carrier, recordGetter, ROOT_CONTEXT).spanContext
        : undefined;
    }
    const creation = lastCreation;
    messages.push(
      creation && links-- > 0
        ? { creation, linkAttributes: recordLinkAttributes(record.SequenceNumber, shardId) }
        : { creation },
    );
  }
  return { delivered, changed, messages };
}

/**
 * `GetRecords`: when the answer arrives, strips our key from every record (the application gets
 * the exact bytes that were put), then records the `receive` span, started when the request was,
 * linked to every record's creation context. A failed call gets a `receive` span of no records.
 */
export function getRecords(
  telemetry: KinesisTelemetrySource,
  iterators: ShardIterators,
  input: unknown,
  server: () => ServerInfo,
): AwsCall {
  const { ShardIterator, StreamARN } = (input ?? {}) as {
    ShardIterator?: unknown;
    StreamARN?: unknown;
  };
  const position = iterators.lookup(ShardIterator);
  const startTime = Date.now();
  const startedAt = performance.now();
  const streamName = position?.streamName ?? streamNameFromArn(StreamARN);
  const shardId = position?.shardId;
  return {
    onSuccess: (result) => {
      const config = telemetry.config();
      const output = result.output;
      const { Records, NextShardIterator, MillisBehindLatest } = output as {
        Records?: unknown;
        NextShardIterator?: unknown;
        MillisBehindLatest?: unknown;
      };
      iterators.advance(ShardIterator, NextShardIterator, { streamName, shardId });
      const records = (Array.isArray(Records) ? Records : []) as (KinesisRecord | undefined)[];
      const read = readRecords(
        records,
        readOptionsOf(config),
        streamName,
        shardId,
        telemetry.pipelines(),
      );
      // The app gets its records without our key even when recording the span fails (a span
      // processor that throws from onStart or onEnd): stripping is not part of the span's fate.
      guard('kinesis GetRecords receive span', () => {
        const metrics = telemetry.metrics();
        const operation = receiveOperation(streamName, shardId, server(), telemetry.semconv());
        const receive = startBatchOperation(telemetry.tracer(), metrics, operation, read.messages, {
          startTime,
          startedAt,
        });
        const { span } = receive;
        if (span.isRecording()) {
          if (typeof MillisBehindLatest === 'number') {
            span.setAttribute(ATTR_MSGTRACE_MILLIS_BEHIND_LATEST, MillisBehindLatest);
          }
          setRequestId(receive, output);
          runUserHook('consumerHook', config.consumerHook, span, {
            streamName,
            shardId,
            records: read.delivered as readonly KinesisRecord[],
          });
        }
        const attributes = receive.end(records.length);
        if (attributes) {
          const now = Date.now();
          for (const record of records) {
            metrics.recordMessageAge(
              arrivalMs(record?.ApproximateArrivalTimestamp),
              attributes,
              now,
            );
          }
        }
      });
      return read.changed ? { ...result, output: { ...output, Records: read.delivered } } : result;
    },
    onError: (error) => {
      const operation = receiveOperation(streamName, shardId, server(), telemetry.semconv());
      const receive = startBatchOperation(telemetry.tracer(), telemetry.metrics(), operation, [], {
        startTime,
        startedAt,
        countMessages: false,
      });
      if (receive.span.isRecording()) setRequestId(receive, error);
      receive.fail(error);
    },
  };
}

/** `GetShardIterator`: its iterator reads the shard the call named. */
export function getShardIterator(iterators: ShardIterators, input: unknown): AwsCall {
  return {
    onSuccess: ({ output }) => {
      const { ShardId } = (input ?? {}) as { ShardId?: unknown };
      const { ShardIterator } = (output ?? {}) as { ShardIterator?: unknown };
      iterators.remember(ShardIterator, {
        streamName: streamNameOf(input),
        shardId: typeof ShardId === 'string' ? ShardId : undefined,
      });
    },
  };
}
