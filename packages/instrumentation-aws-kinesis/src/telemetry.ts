import {
  type AwsCall,
  extractContext,
  type JsonBodyData,
  type JsonBodyReadResult,
  type MessageProcessing,
  MessagingTelemetry,
  readJsonBody,
  recordGetter,
  resolvePropagationMode,
  runUserHook,
} from '@msgtrace/core';
import { context } from '@opentelemetry/api';
import { readOptionsOf } from './config.js';
import { processOperation, recordLinkAttributes, type ServerInfo } from './describe.js';
import { ShardIterators } from './shard-iterators.js';
import { getRecords, getShardIterator } from './telemetry/get-records.js';
import { putRecord, putRecords } from './telemetry/put.js';
import type {
  AwsKinesisInstrumentationConfig,
  KinesisRecord,
  KinesisRecordInput,
} from './types.js';

/** One record about to be processed by a helper. */
export interface RecordToProcess {
  streamName: string | undefined;
  shardId: string | undefined;
  sequenceNumber: unknown;
  partitionKey: unknown;
  size: number | undefined;
  carrier: Record<string, string> | undefined;
  record: KinesisRecord;
  /**
   * Set for a record no instrumented `GetRecords` counted (a Lambda event's): it is counted as
   * consumed, and aged from this arrival time (epoch ms), as processing starts.
   */
  uncounted?: { arrivalMs: number | undefined } | undefined;
}

/**
 * What spans and metrics Kinesis calls produce; the patches only hand inputs and outputs over.
 * Each operation's span and metric logic is in its own module under `telemetry/`.
 */
export class KinesisTelemetry extends MessagingTelemetry<AwsKinesisInstrumentationConfig> {
  readonly iterators = new ShardIterators();

  /** Reads (and strips) a record body with the configured keys. */
  readBody<T extends JsonBodyData>(data: T): JsonBodyReadResult<T> {
    return readJsonBody(data, readOptionsOf(this.config()));
  }

  putRecord(
    input: KinesisRecordInput & Record<string, unknown>,
    server: () => ServerInfo,
  ): AwsCall {
    return putRecord(this, input, server);
  }

  putRecords(
    input: { Records?: unknown } & Record<string, unknown>,
    server: () => ServerInfo,
  ): AwsCall {
    return putRecords(this, input, server);
  }

  getRecords(input: unknown, server: () => ServerInfo): AwsCall {
    return getRecords(this, this.iterators, input, server);
  }

  getShardIterator(input: unknown): AwsCall {
    return getShardIterator(this.iterators, input);
  }

  /** Everything one record's `process` span needs. */
  messageProcessing(item: RecordToProcess): MessageProcessing {
    const config = this.config();
    const extracted = item.carrier
      ? extractContext(item.carrier, recordGetter, context.active())
      : undefined;
    return {
      tracer: this.tracer(),
      metrics: this.metrics(),
      operation: processOperation(
        item.streamName,
        item.shardId,
        { sequenceNumber: item.sequenceNumber, partitionKey: item.partitionKey, size: item.size },
        config.captureMessageKey === true,
        this.semconv(),
      ),
      creation: extracted?.spanContext ? extracted.context : undefined,
      mode: resolvePropagationMode(config.propagationMode, {
        system: 'aws_kinesis',
        destination: item.streamName ?? '',
        operation: 'process',
      }),
      linkAttributes: recordLinkAttributes(item.sequenceNumber, item.shardId),
      consumed: item.uncounted ? { brokerTimestampMs: item.uncounted.arrivalMs } : undefined,
      // Recorded where it was counted: by GetRecords, or here for a record nothing counted.
      pathway: item.uncounted
        ? this.pipelines()?.incomingFrom(
            item.carrier,
            recordGetter,
            'aws_kinesis',
            item.streamName ?? '',
          )
        : this.pipelines()?.read(item.carrier, recordGetter),
      onStart: (span) => {
        if (!span.isRecording()) return;
        runUserHook('consumerHook', config.consumerHook, span, {
          streamName: item.streamName,
          shardId: item.shardId,
          records: [item.record],
        });
      },
    };
  }
}
