import {
  ATTR_AWS_REQUEST_ID,
  ATTR_ERROR_TYPE,
  type BatchMessage,
  contextCarrier,
  extractContext,
  injectIntoJsonBody,
  type JsonBodyData,
  type JsonBodyReadResult,
  type MessageProcessing,
  type MessagingOperation,
  MessagingTelemetry,
  metricAttributesOf,
  readJsonBody,
  recordError,
  recordGetter,
  resolvePropagationMode,
  runUserHook,
  type StartedSpan,
  secondsSince,
  startBatchSpan,
  startProducerSpan,
} from '@msgtrace/core';
import {
  type Attributes,
  type Context,
  context,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
} from '@opentelemetry/api';
import { bodyKeyOf, injectionEnabled, readOptionsOf } from './config.js';
import {
  ATTR_MSGTRACE_CONTEXT_INJECTED,
  ATTR_MSGTRACE_CONTEXT_SKIPPED,
  ATTR_MSGTRACE_FAILED_RECORD_COUNT,
  ATTR_MSGTRACE_MILLIS_BEHIND_LATEST,
  arrivalMs,
  dataByteLength,
  EVENT_RECORD_FAILED,
  placementAttributes,
  processOperation,
  producerOperation,
  putRecordsOutcome,
  receiveOperation,
  recordLinkAttributes,
  requestIdOf,
  type ServerInfo,
  serverAttributes,
  streamNameFromArn,
  streamNameOf,
} from './describe.js';
import { receivedRecords } from './received.js';
import { ShardIterators } from './shard-iterators.js';
import type {
  AwsKinesisInstrumentationConfig,
  KinesisRecord,
  KinesisRecordInput,
} from './types.js';

/** A put in flight: the input to send instead of the caller's, and how to end its spans. */
export interface PreparedPut {
  input: object;
  context: Context;
  end(output: unknown, error: unknown, server: ServerInfo): void;
}

/** A `GetRecords` in flight. */
export interface ReceiveStart {
  startTime: number;
  startedAt: number;
  iterator: unknown;
  streamName: string | undefined;
  shardId: string | undefined;
}

/** One record about to be processed by a helper. */
export interface RecordToProcess {
  streamName: string | undefined;
  shardId: string | undefined;
  sequenceNumber: unknown;
  partitionKey: unknown;
  size: number | undefined;
  carrier: Record<string, string> | undefined;
  record: KinesisRecord;
}

// Span events beyond the SDK's default event limit would be dropped anyway.
const MAX_FAILURE_EVENTS = 128;

/** What spans and metrics Kinesis calls produce; the patches only hand inputs and outputs over. */
export class KinesisTelemetry extends MessagingTelemetry<AwsKinesisInstrumentationConfig> {
  readonly iterators = new ShardIterators();

  /** Reads (and strips) a record body with the configured keys. */
  readBody<T extends JsonBodyData>(data: T): JsonBodyReadResult<T> {
    return readJsonBody(data, readOptionsOf(this.config()));
  }

  private inject(record: KinesisRecordInput, carrier: Record<string, string>, key: string) {
    return injectIntoJsonBody(record.Data as JsonBodyData, carrier, {
      key,
      // Kinesis counts the partition key against the 1 MiB record limit.
      reservedBytes: dataByteLength(record.PartitionKey),
    });
  }

  preparePutRecord(input: KinesisRecordInput & Record<string, unknown>): PreparedPut {
    const config = this.config();
    const streamName = streamNameOf(input);
    const operation = producerOperation(
      'send',
      streamName,
      input,
      config.captureMessageKey === true,
    );
    const started = startProducerSpan(this.tracer(), operation);
    const { span } = started;
    const startedAt = performance.now();
    const recording = span.isRecording();
    if (recording) {
      runUserHook('producerHook', config.producerHook, span, { streamName, records: [input] });
    }
    let sendInput: object = input;
    if (injectionEnabled(config, streamName)) {
      const result = this.inject(input, contextCarrier(started.context), bodyKeyOf(config));
      if (result.injected) sendInput = { ...input, Data: result.data };
      if (recording) {
        span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, result.injected ? 1 : 0);
        if (result.skipped) span.setAttribute(ATTR_MSGTRACE_CONTEXT_SKIPPED, result.skipped);
      }
    } else if (recording) {
      span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, 0);
      span.setAttribute(ATTR_MSGTRACE_CONTEXT_SKIPPED, 'disabled');
    }
    return {
      input: sendInput,
      context: started.context,
      end: (output, error, server) => {
        if (recording) {
          span.setAttributes(serverAttributes(server));
          if (error === undefined) span.setAttributes(placementAttributes(output));
          setRequestId(span, error === undefined ? output : error);
        }
        if (error !== undefined) recordError(span, error);
        span.end();
        this.recordSent(operation, startedAt, error, 1, []);
      },
    };
  }

  preparePutRecords(input: { Records?: unknown } & Record<string, unknown>): PreparedPut {
    const config = this.config();
    const captureKey = config.captureMessageKey === true;
    const records = (Array.isArray(input.Records) ? input.Records : []) as (
      | KinesisRecordInput
      | undefined
    )[];
    const streamName = streamNameOf(input);
    const tracer = this.tracer();
    // One `create` span per record, each the creation context of its record, when asked for.
    const creates: StartedSpan[] | undefined =
      config.createSpanPerMessage === true && records.length > 1
        ? records.map((record) =>
            startProducerSpan(
              tracer,
              producerOperation('create', streamName, asRecord(record), captureKey),
            ),
          )
        : undefined;
    const operation = producerOperation('send', streamName, undefined, captureKey);
    const started = startProducerSpan(tracer, operation, {
      messageCount: records.length,
      ...(creates ? { links: creates.map((c) => ({ context: c.span.spanContext() })) } : {}),
    });
    const { span } = started;
    const startedAt = performance.now();
    const recording = span.isRecording();
    if (recording) {
      runUserHook('producerHook', config.producerHook, span, {
        streamName,
        records: records as readonly KinesisRecordInput[],
      });
      creates?.forEach((create, i) => {
        if (create.span.isRecording()) {
          runUserHook('producerHook', config.producerHook, create.span, {
            streamName,
            records: [asRecord(records[i]) ?? {}],
          });
        }
      });
    }

    let copy: (KinesisRecordInput | undefined)[] | undefined;
    let injected = 0;
    if (injectionEnabled(config, streamName)) {
      const key = bodyKeyOf(config);
      const shared = creates ? undefined : contextCarrier(started.context);
      for (let i = 0; i < records.length; i++) {
        const record = asRecord(records[i]);
        if (!record) continue;
        const carrier = shared ?? contextCarrier((creates as StartedSpan[])[i]?.context);
        const result = this.inject(record, carrier, key);
        if (!result.injected) continue;
        copy ??= records.slice();
        copy[i] = { ...record, Data: result.data };
        injected++;
      }
    }
    if (recording) span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, injected);

    return {
      input: copy ? { ...input, Records: copy } : input,
      context: started.context,
      end: (output, error, server) => {
        const outcome = error === undefined ? putRecordsOutcome(output, records.length) : undefined;
        if (recording) {
          span.setAttributes(serverAttributes(server));
          setRequestId(span, error === undefined ? output : error);
          if (outcome) {
            span.setAttribute(ATTR_MSGTRACE_FAILED_RECORD_COUNT, outcome.failedCount);
            for (const failure of outcome.failures.slice(0, MAX_FAILURE_EVENTS)) {
              span.addEvent(EVENT_RECORD_FAILED, {
                'msgtrace.kinesis.record.index': failure.index,
                [ATTR_ERROR_TYPE]: failure.errorCode,
                ...(failure.errorMessage ? { 'exception.message': failure.errorMessage } : {}),
              });
            }
          }
        }
        if (creates) endCreates(creates, output, error);
        // A partly failed batch is a successful call: its failures are on the span and in the
        // sent-messages metric, and the caller decides what to retry.
        if (error !== undefined) recordError(span, error);
        span.end();
        this.recordSent(
          operation,
          startedAt,
          error,
          records.length,
          outcome?.failures ?? [],
          outcome,
        );
      },
    };
  }

  private recordSent(
    operation: MessagingOperation,
    startedAt: number,
    error: unknown,
    count: number,
    failures: readonly { errorCode: string }[],
    outcome?: { succeeded: number; failedCount: number },
  ): void {
    const metrics = this.metrics();
    if (!metrics.enabled) return;
    const attributes = metricAttributesOf(operation, error);
    metrics.recordOperationDuration(secondsSince(startedAt), attributes);
    if (error !== undefined || !outcome) {
      metrics.recordSent(count, attributes);
      return;
    }
    metrics.recordSent(outcome.succeeded, attributes);
    const byCode = new Map<string, number>();
    for (const f of failures) byCode.set(f.errorCode, (byCode.get(f.errorCode) ?? 0) + 1);
    for (const [code, n] of byCode)
      metrics.recordSent(n, { ...attributes, [ATTR_ERROR_TYPE]: code });
  }

  /** `GetShardIterator` answered: its iterator reads the shard the call named. */
  rememberShardIterator(input: unknown, output: unknown): void {
    const { ShardId } = (input ?? {}) as { ShardId?: unknown };
    const { ShardIterator } = (output ?? {}) as { ShardIterator?: unknown };
    this.iterators.remember(ShardIterator, {
      streamName: streamNameOf(input),
      shardId: typeof ShardId === 'string' ? ShardId : undefined,
    });
  }

  receiveStart(input: unknown): ReceiveStart {
    const { ShardIterator, StreamARN } = (input ?? {}) as {
      ShardIterator?: unknown;
      StreamARN?: unknown;
    };
    const position = this.iterators.lookup(ShardIterator);
    return {
      startTime: Date.now(),
      startedAt: performance.now(),
      iterator: ShardIterator,
      streamName: position?.streamName ?? streamNameFromArn(StreamARN),
      shardId: position?.shardId,
    };
  }

  /**
   * A `GetRecords` answer: strips our key from every record (the application gets the exact
   * bytes that were put), then records the `receive` span, started when the request was,
   * linked to every record's creation context. Returns the output the application gets.
   */
  received<Output extends object>(start: ReceiveStart, output: Output, server: ServerInfo): Output {
    const config = this.config();
    const { streamName, shardId } = start;
    const { Records, NextShardIterator, MillisBehindLatest } = output as {
      Records?: unknown;
      NextShardIterator?: unknown;
      MillisBehindLatest?: unknown;
    };
    this.iterators.advance(start.iterator, NextShardIterator, { streamName, shardId });
    const records = (Array.isArray(Records) ? Records : []) as (KinesisRecord | undefined)[];
    const readOptions = readOptionsOf(config);
    const tracked = receivedRecords();
    const messages: BatchMessage[] = [];
    const delivered: (KinesisRecord | undefined)[] = [];
    let changed = false;
    for (const record of records) {
      if (!record || typeof record !== 'object') {
        delivered.push(record);
        messages.push({ creation: undefined });
        continue;
      }
      const read = readJsonBody(record.Data as Uint8Array, readOptions);
      const out = read.stripped ? { ...record, Data: read.data } : record;
      if (read.stripped) changed = true;
      tracked.set(out, { carrier: read.carrier, streamName, shardId });
      delivered.push(out);
      const creation = read.carrier
        ? extractContext(read.carrier, recordGetter, ROOT_CONTEXT).spanContext
        : undefined;
      messages.push(
        creation
          ? { creation, linkAttributes: recordLinkAttributes(record.SequenceNumber, shardId) }
          : { creation: undefined },
      );
    }
    const operation = receiveOperation(streamName, shardId, server);
    const { span } = startBatchSpan(this.tracer(), operation, messages, {
      startTime: start.startTime,
    });
    if (span.isRecording()) {
      if (typeof MillisBehindLatest === 'number') {
        span.setAttribute(ATTR_MSGTRACE_MILLIS_BEHIND_LATEST, MillisBehindLatest);
      }
      setRequestId(span, output);
      runUserHook('consumerHook', config.consumerHook, span, {
        streamName,
        shardId,
        records: delivered as readonly KinesisRecord[],
      });
    }
    span.end();
    const metrics = this.metrics();
    if (metrics.enabled) {
      const attributes = metricAttributesOf(operation);
      metrics.recordOperationDuration(secondsSince(start.startedAt), attributes);
      metrics.recordConsumed(records.length, attributes);
      const now = Date.now();
      for (const record of records) {
        metrics.recordMessageAge(arrivalMs(record?.ApproximateArrivalTimestamp), attributes, now);
      }
    }
    return changed ? { ...output, Records: delivered } : output;
  }

  /** A `GetRecords` that failed: its `receive` span, of no records. */
  receiveFailed(start: ReceiveStart, error: unknown, server: ServerInfo): void {
    const operation = receiveOperation(start.streamName, start.shardId, server);
    const { span } = startBatchSpan(this.tracer(), operation, [], {
      startTime: start.startTime,
      countMessages: false,
    });
    if (span.isRecording()) setRequestId(span, error);
    recordError(span, error);
    span.end();
    const metrics = this.metrics();
    if (metrics.enabled) {
      metrics.recordOperationDuration(
        secondsSince(start.startedAt),
        metricAttributesOf(operation, error),
      );
    }
  }

  /** Everything `runInMessageContext` needs for one record's `process` span. */
  processing(item: RecordToProcess): MessageProcessing {
    const config = this.config();
    const operation = processOperation(
      item.streamName,
      item.shardId,
      { sequenceNumber: item.sequenceNumber, partitionKey: item.partitionKey, size: item.size },
      config.captureMessageKey === true,
    );
    const extracted = item.carrier
      ? extractContext(item.carrier, recordGetter, context.active())
      : undefined;
    const metrics = this.metrics();
    const linkAttributes = recordLinkAttributes(item.sequenceNumber, item.shardId);
    return {
      tracer: this.tracer(),
      operation,
      creation: extracted?.spanContext ? extracted.context : undefined,
      mode: resolvePropagationMode(config.propagationMode, {
        system: 'aws_kinesis',
        destination: item.streamName ?? '',
        operation: 'process',
      }),
      ...(linkAttributes ? { linkAttributes } : {}),
      ...(metrics.enabled ? { metrics, metricAttributes: metricAttributesOf(operation) } : {}),
      onStart: (span: Span) => {
        if (!span.isRecording()) return;
        runUserHook('consumerHook', config.consumerHook, span, {
          streamName: item.streamName,
          shardId: item.shardId,
          records: [item.record],
        });
      },
    };
  }

  /** A record a helper delivers that no instrumented `GetRecords` counted (Lambda events). */
  recordDelivered(operation: MessagingOperation, arrival: number | undefined): void {
    const metrics = this.metrics();
    if (!metrics.enabled) return;
    const attributes = metricAttributesOf(operation);
    metrics.recordConsumed(1, attributes);
    metrics.recordMessageAge(arrival, attributes);
  }
}

function asRecord(record: unknown): KinesisRecordInput | undefined {
  return record && typeof record === 'object' ? (record as KinesisRecordInput) : undefined;
}

function setRequestId(span: Span, value: unknown): void {
  const id = requestIdOf(value);
  if (id) span.setAttribute(ATTR_AWS_REQUEST_ID, id);
}

/** Ends each record's `create` span with where it landed, or why it did not. */
function endCreates(creates: readonly StartedSpan[], output: unknown, error: unknown): void {
  const entries = (output as { Records?: unknown } | undefined)?.Records;
  creates.forEach((create, i) => {
    const entry: unknown = Array.isArray(entries) ? entries[i] : undefined;
    if (error !== undefined) {
      recordError(create.span, error);
    } else if (create.span.isRecording()) {
      create.span.setAttributes(placementAttributes(entry) as Attributes);
      const code = (entry as { ErrorCode?: unknown } | undefined)?.ErrorCode;
      if (typeof code === 'string' && code) {
        const message = (entry as { ErrorMessage?: unknown }).ErrorMessage;
        create.span.setStatus({
          code: SpanStatusCode.ERROR,
          ...(typeof message === 'string' ? { message } : {}),
        });
        create.span.setAttribute(ATTR_ERROR_TYPE, code);
      }
    }
    create.span.end();
  });
}
