import {
  ATTR_ERROR_TYPE,
  type AwsCall,
  contextCarrier,
  injectIntoJsonBody,
  type JsonBodyData,
  PATHWAY_FIELD,
  type PreparedJsonBodyCarrier,
  prepareJsonBodyCarrier,
  recordError,
  runUserHook,
  type StartedOperation,
  startOperation,
} from '@msgtrace/core';
import { type Attributes, SpanStatusCode } from '@opentelemetry/api';
import {
  ATTR_MSGTRACE_CONTEXT_INJECTED,
  ATTR_MSGTRACE_CONTEXT_SKIPPED,
  ATTR_MSGTRACE_FAILED_RECORD_COUNT,
  ATTR_MSGTRACE_RECORD_INDEX,
  EVENT_RECORD_FAILED,
} from '../attributes.js';
import { bodyKeyOf, injectionEnabled } from '../config.js';
import {
  dataByteLength,
  placementAttributes,
  producerOperation,
  putRecordsOutcome,
  type ServerInfo,
  serverAttributes,
  streamNameOf,
} from '../describe.js';
import type { KinesisRecordInput } from '../types.js';
import { type KinesisTelemetrySource, setRequestId } from './source.js';

// Span events beyond the SDK's default event limit would be dropped anyway.
const MAX_FAILURE_EVENTS = 128;

type PutInput = KinesisRecordInput & Record<string, unknown>;

function inject(
  record: KinesisRecordInput,
  carrier: Record<string, string>,
  key: string,
  prepared?: PreparedJsonBodyCarrier,
) {
  return injectIntoJsonBody(record.Data as JsonBodyData, carrier, {
    key,
    // Kinesis counts the partition key against the 1 MiB record limit.
    reservedBytes: dataByteLength(record.PartitionKey),
    ...(prepared ? { prepared } : {}),
  });
}

const KINESIS = 'aws_kinesis';

/** Adds the pathway of what is produced now into `streamName` to `carrier` (counted later). */
function withPathway(
  telemetry: KinesisTelemetrySource,
  carrier: Record<string, string>,
  streamName: string | undefined,
): void {
  const pathway = telemetry.pipelines()?.outgoing(KINESIS, streamName ?? '', 0);
  if (pathway) carrier[PATHWAY_FIELD] = pathway;
}

function asRecord(record: unknown): KinesisRecordInput | undefined {
  return record && typeof record === 'object' ? (record as KinesisRecordInput) : undefined;
}

/** `PutRecord`: a `send {stream}` span whose context goes into a copy of the record's body. */
export function putRecord(
  telemetry: KinesisTelemetrySource,
  input: PutInput,
  server: () => ServerInfo,
): AwsCall {
  const config = telemetry.config();
  const streamName = streamNameOf(input);
  const operation = startOperation(
    telemetry.tracer(),
    telemetry.metrics(),
    producerOperation(
      'send',
      streamName,
      input,
      config.captureMessageKey === true,
      telemetry.semconv(),
    ),
  );
  const { span } = operation;
  const recording = span.isRecording();
  if (recording) {
    runUserHook('producerHook', config.producerHook, span, { streamName, records: [input] });
  }
  let sendInput: object = input;
  if (injectionEnabled(config, streamName)) {
    const carrier = contextCarrier(operation.context);
    withPathway(telemetry, carrier, streamName);
    const result = inject(input, carrier, bodyKeyOf(config));
    if (result.injected) sendInput = { ...input, Data: result.data };
    if (result.injected) telemetry.pipelines()?.countProduced(KINESIS, streamName ?? '', 1);
    if (recording) {
      span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, result.injected ? 1 : 0);
      if (result.skipped) span.setAttribute(ATTR_MSGTRACE_CONTEXT_SKIPPED, result.skipped);
    }
  } else if (recording) {
    span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, 0);
    span.setAttribute(ATTR_MSGTRACE_CONTEXT_SKIPPED, 'disabled');
  }
  return {
    args: [{ input: sendInput }],
    context: operation.context,
    onSuccess: ({ output }) => {
      if (recording) {
        span.setAttributes(serverAttributes(server()));
        span.setAttributes(placementAttributes(output));
        setRequestId(operation, output);
      }
      operation.end(1);
    },
    onError: (error) => {
      if (recording) {
        span.setAttributes(serverAttributes(server()));
        setRequestId(operation, error);
      }
      operation.fail(error, 1);
    },
  };
}

/**
 * `PutRecords`: one `send {stream}` span, its context in a copy of every JSON record's body; with
 * `createSpanPerMessage`, one `create {stream}` span per record instead, each the creation context
 * of its record, linked from the `send` span at creation.
 */
export function putRecords(
  telemetry: KinesisTelemetrySource,
  input: { Records?: unknown } & Record<string, unknown>,
  server: () => ServerInfo,
): AwsCall {
  const config = telemetry.config();
  const captureKey = config.captureMessageKey === true;
  const semconv = telemetry.semconv();
  const records = (Array.isArray(input.Records) ? input.Records : []) as (
    | KinesisRecordInput
    | undefined
  )[];
  const streamName = streamNameOf(input);
  const tracer = telemetry.tracer();
  const metrics = telemetry.metrics();
  // One `create` span per record, each the creation context of its record, when asked for.
  const creates: StartedOperation[] | undefined =
    config.createSpanPerMessage === true && records.length > 1
      ? records.map((record) =>
          startOperation(
            tracer,
            metrics,
            producerOperation('create', streamName, asRecord(record), captureKey, semconv),
          ),
        )
      : undefined;
  const operation = startOperation(
    tracer,
    metrics,
    producerOperation('send', streamName, undefined, captureKey, semconv),
    {
      messageCount: records.length,
      ...(creates ? { links: creates.map((c) => ({ context: c.span.spanContext() })) } : {}),
    },
  );
  const { span } = operation;
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
    const shared = creates ? undefined : contextCarrier(operation.context);
    if (shared) withPathway(telemetry, shared, streamName);
    // Every record carries the send span's context: serialized once for the batch.
    const prepared = shared ? prepareJsonBodyCarrier(shared) : undefined;
    for (let i = 0; i < records.length; i++) {
      const record = asRecord(records[i]);
      if (!record) continue;
      let carrier = shared;
      if (!carrier) {
        carrier = contextCarrier(creates?.[i]?.context);
        withPathway(telemetry, carrier, streamName);
      }
      const result = inject(record, carrier, key, prepared);
      if (!result.injected) continue;
      copy ??= records.slice();
      copy[i] = { ...record, Data: result.data };
      injected++;
    }
  }
  if (recording) span.setAttribute(ATTR_MSGTRACE_CONTEXT_INJECTED, injected);
  // Only records whose body took the key carry a pathway (JSON objects): only they are counted.
  if (injected > 0) telemetry.pipelines()?.countProduced(KINESIS, streamName ?? '', injected);

  return {
    args: [{ input: copy ? { ...input, Records: copy } : input }],
    context: operation.context,
    onSuccess: ({ output }) => {
      const outcome = putRecordsOutcome(output, records.length);
      if (recording) {
        span.setAttributes(serverAttributes(server()));
        setRequestId(operation, output);
        span.setAttribute(ATTR_MSGTRACE_FAILED_RECORD_COUNT, outcome.failedCount);
        for (const failure of outcome.failures.slice(0, MAX_FAILURE_EVENTS)) {
          span.addEvent(EVENT_RECORD_FAILED, {
            [ATTR_MSGTRACE_RECORD_INDEX]: failure.index,
            [ATTR_ERROR_TYPE]: failure.errorCode,
            ...(failure.errorMessage ? { 'exception.message': failure.errorMessage } : {}),
          });
        }
      }
      if (creates) endCreates(creates, output, undefined);
      // A partly failed batch is a successful call: its failures are on the span and in the
      // sent-messages metric, and the caller decides what to retry.
      const attributes = operation.end(outcome.succeeded);
      if (attributes) {
        const byCode = new Map<string, number>();
        for (const f of outcome.failures) {
          byCode.set(f.errorCode, (byCode.get(f.errorCode) ?? 0) + 1);
        }
        for (const [code, n] of byCode) {
          metrics.recordSent(n, { ...attributes, [ATTR_ERROR_TYPE]: code });
        }
      }
    },
    onError: (error) => {
      if (recording) {
        span.setAttributes(serverAttributes(server()));
        setRequestId(operation, error);
      }
      if (creates) endCreates(creates, undefined, error);
      operation.fail(error, records.length);
    },
  };
}

/** Ends each record's `create` span with where it landed, or why it did not. */
function endCreates(creates: readonly StartedOperation[], output: unknown, error: unknown): void {
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
