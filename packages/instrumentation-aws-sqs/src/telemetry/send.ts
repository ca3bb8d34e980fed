import {
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_MESSAGE_ID,
  contextCarrier,
  extensibleCopy,
  injectIntoSqsMessage,
  isObject,
  PATHWAY_FIELD,
  type PreparedSqsCarrier,
  prepareSqsCarrier,
  recordError,
  runUserHook,
  type SqsInjectOptions,
  type SqsInjectResult,
  type SqsMessageAttributes,
  type StartedOperation,
  startOperation,
} from '@msgtrace/core';
import { type Context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ATTR_MSGTRACE_SQS_CONTEXT_CARRIER,
  ATTR_MSGTRACE_SQS_ENTRY_ID,
  ATTR_MSGTRACE_SQS_FAILED_COUNT,
  ATTR_MSGTRACE_SQS_INJECTION_SKIPPED,
  ATTR_MSGTRACE_SQS_SENDER_FAULT,
  EVENT_SQS_ENTRY_FAILED,
  EVENT_SQS_INJECTION_SKIPPED,
} from '../attributes.js';
import {
  batchFailuresOf,
  batchMessageIdsOf,
  createOperation,
  type QueueInfo,
  sendOperation,
} from '../describe.js';
import type { AwsSqsInstrumentationConfig } from '../types.js';
import { type SqsCall, type SqsInput, type SqsTelemetrySource, setRequestId } from './call.js';

/** The attribute limits the configuration sets, built once per call rather than per entry. */
function injectOptions(config: AwsSqsInstrumentationConfig): SqsInjectOptions {
  const options: SqsInjectOptions = {};
  if (config.maxMessageAttributes !== undefined)
    options.maxAttributes = config.maxMessageAttributes;
  if (config.maxMessageBytes !== undefined) options.maxMessageBytes = config.maxMessageBytes;
  return options;
}

function inject(
  config: AwsSqsInstrumentationConfig,
  options: SqsInjectOptions,
  span: Span,
  context: Context,
  carrier: Record<string, string> | PreparedSqsCarrier,
  message: SqsInput,
): SqsInjectResult {
  const result = injectIntoSqsMessage(
    {
      body: typeof message.MessageBody === 'string' ? message.MessageBody : undefined,
      messageAttributes: message.MessageAttributes as SqsMessageAttributes | undefined,
      messageSystemAttributes: message.MessageSystemAttributes as SqsMessageAttributes | undefined,
    },
    carrier,
    trace.getSpanContext(context) ?? span.spanContext(),
    options,
  );
  if (result.via === 'aws-trace-header' && config.awsTraceHeaderFallback === false) {
    return {
      messageAttributes: message.MessageAttributes as SqsMessageAttributes | undefined,
      messageSystemAttributes: message.MessageSystemAttributes as SqsMessageAttributes | undefined,
      via: 'none',
      written: [],
      dropped: result.dropped,
      skipped: 'no-attribute-slot',
    };
  }
  return result;
}

/** A copy of one outgoing message (input or batch entry) with the context in it. */
/** The user's producer hook, on recording spans only: it is there to add attributes. */
function producerHook(
  config: AwsSqsInstrumentationConfig,
  span: Span,
  queue: QueueInfo | undefined,
  command: 'SendMessage' | 'SendMessageBatch',
  input: SqsInput,
): void {
  if (span.isRecording()) {
    runUserHook('producerHook', config.producerHook, span, {
      queueUrl: queue?.url ?? '',
      command,
      input,
    });
  }
}

function withContext(message: SqsInput, result: SqsInjectResult): SqsInput {
  if (result.via === 'none') return message;
  const copy: SqsInput = extensibleCopy(message);
  if (result.messageAttributes !== undefined) copy.MessageAttributes = result.messageAttributes;
  if (result.messageSystemAttributes !== undefined) {
    copy.MessageSystemAttributes = result.messageSystemAttributes;
  }
  return copy;
}

/** `SendMessage`: a `send {queue}` span whose context goes into the message. */
export function sendMessage(
  telemetry: SqsTelemetrySource,
  queue: QueueInfo | undefined,
  input: SqsInput,
): SqsCall {
  const config = telemetry.config();
  const operation = startOperation(
    telemetry.tracer(),
    telemetry.metrics(),
    sendOperation(queue, telemetry.semconv()),
  );
  const { span, context } = operation;
  producerHook(config, span, queue, 'SendMessage', input);
  const carrier = contextCarrier(context);
  const destination = queue?.name ?? '';
  const pipelines = telemetry.pipelines();
  // Last in the carrier, so the last field the attribute budget keeps: trace context first.
  const pathway = pipelines?.outgoing('aws_sqs', destination, 0);
  if (pathway) carrier[PATHWAY_FIELD] = pathway;
  const result = inject(config, injectOptions(config), span, context, carrier, input);
  if (pathway && result.written.includes(PATHWAY_FIELD)) {
    pipelines?.countProduced('aws_sqs', destination, 1);
  }
  span.setAttribute(ATTR_MSGTRACE_SQS_CONTEXT_CARRIER, result.via);
  if (result.skipped) span.setAttribute(ATTR_MSGTRACE_SQS_INJECTION_SKIPPED, result.skipped);
  return {
    args: [{ input: withContext(input, result) }],
    context,
    onSuccess: ({ output }) => {
      const id = isObject(output) ? output.MessageId : undefined;
      if (typeof id === 'string') span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, id);
      setRequestId(operation, output, undefined);
      operation.end(1);
    },
    onError: (error) => {
      setRequestId(operation, undefined, error);
      operation.fail(error, 1);
    },
  };
}

/**
 * `SendMessageBatch`: one `send {queue}` span, its context in every entry; with
 * `createSpanPerMessage`, one `create {queue}` span per entry instead, each the creation context
 * of its entry, linked from the `send` span at creation.
 */
export function sendMessageBatch(
  telemetry: SqsTelemetrySource,
  queue: QueueInfo | undefined,
  input: SqsInput,
): SqsCall {
  const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
  const config = telemetry.config();
  const tracer = telemetry.tracer();
  const metrics = telemetry.metrics();
  const creates =
    config.createSpanPerMessage === true && entries.length > 1
      ? entries.map(() =>
          startOperation(tracer, metrics, createOperation(queue, telemetry.semconv())),
        )
      : undefined;
  const operation = startOperation(tracer, metrics, sendOperation(queue, telemetry.semconv()), {
    messageCount: entries.length,
    ...(creates ? { links: creates.map((c) => ({ context: c.span.spanContext() })) } : {}),
  });
  const { span, context } = operation;
  producerHook(config, span, queue, 'SendMessageBatch', input);
  const sharedCarrier = creates ? undefined : contextCarrier(context);
  const destination = queue?.name ?? '';
  const pipelines = telemetry.pipelines();
  const pathway = pipelines?.outgoing('aws_sqs', destination, 0);
  if (pathway && sharedCarrier) sharedCarrier[PATHWAY_FIELD] = pathway;
  // Every entry carries the same context: its fields are checked once for the batch.
  const prepared = sharedCarrier ? prepareSqsCarrier(sharedCarrier) : undefined;
  const options = injectOptions(config);
  let carryingPathway = 0;
  const injected = entries.map((entry, i) => {
    if (!isObject(entry)) return entry;
    const create = creates?.[i];
    const entryContext = create ? create.context : context;
    let carrier: Record<string, string> | PreparedSqsCarrier | undefined = prepared;
    if (!carrier) {
      const own = contextCarrier(entryContext);
      if (pathway) own[PATHWAY_FIELD] = pathway;
      carrier = own;
    }
    const result = inject(
      config,
      options,
      create ? create.span : span,
      entryContext,
      carrier,
      entry,
    );
    if (pathway && result.written.includes(PATHWAY_FIELD)) carryingPathway++;
    if (result.skipped && span.isRecording()) {
      span.addEvent(EVENT_SQS_INJECTION_SKIPPED, {
        [ATTR_MSGTRACE_SQS_ENTRY_ID]: typeof entry.Id === 'string' ? entry.Id : '',
        [ATTR_MSGTRACE_SQS_INJECTION_SKIPPED]: result.skipped,
      });
    }
    create?.span.setAttribute(ATTR_MSGTRACE_SQS_CONTEXT_CARRIER, result.via);
    return withContext(entry, result);
  });
  if (carryingPathway > 0) pipelines?.countProduced('aws_sqs', destination, carryingPathway);
  return {
    args: [{ input: { ...input, Entries: injected } }],
    context,
    onSuccess: ({ output }) => {
      const failures = batchFailuresOf(output);
      if (failures.length > 0) {
        span.setAttribute(ATTR_MSGTRACE_SQS_FAILED_COUNT, failures.length);
        for (const failure of failures) {
          span.addEvent(EVENT_SQS_ENTRY_FAILED, {
            [ATTR_MSGTRACE_SQS_ENTRY_ID]: failure.id,
            [ATTR_ERROR_TYPE]: failure.code,
            [ATTR_MSGTRACE_SQS_SENDER_FAULT]: failure.senderFault,
          });
        }
      }
      if (creates) endCreates(creates, entries, output, undefined);
      setRequestId(operation, output, undefined);
      // A partly failed batch is a successful call: the entries SQS refused count as sent with
      // their error code, the caller decides what to retry.
      const attributes = operation.end(entries.length - failures.length);
      if (attributes) {
        for (const failure of failures) {
          metrics.recordSent(1, { ...attributes, [ATTR_ERROR_TYPE]: failure.code });
        }
      }
    },
    onError: (error) => {
      if (creates) endCreates(creates, entries, undefined, error);
      setRequestId(operation, undefined, error);
      operation.fail(error, entries.length);
    },
  };
}

/** Each `create` span ends with the batch, with its message id or its entry's failure. */
function endCreates(
  creates: readonly StartedOperation[],
  entries: readonly unknown[],
  output: unknown,
  error: unknown,
): void {
  const ids = batchMessageIdsOf(output);
  const failed = new Map(batchFailuresOf(output).map((f) => [f.id, f.code]));
  creates.forEach(({ span }, i) => {
    const entry = entries[i];
    const entryId = isObject(entry) && typeof entry.Id === 'string' ? entry.Id : undefined;
    const messageId = entryId !== undefined ? ids.get(entryId) : undefined;
    if (messageId) span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, messageId);
    const code = entryId !== undefined ? failed.get(entryId) : undefined;
    if (error !== undefined) recordError(span, error);
    else if (code !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, code);
      span.setStatus({ code: SpanStatusCode.ERROR, message: code });
    }
    span.end();
  });
}
