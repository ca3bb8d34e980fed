import {
  ATTR_AWS_REQUEST_ID,
  ATTR_ERROR_TYPE,
  ATTR_MESSAGING_MESSAGE_ID,
  contextCarrier,
  extractContext,
  extractSqsMessageContext,
  type InstrumentedCall,
  injectIntoSqsMessage,
  type MessagingMetrics,
  type MessagingOperation,
  MessagingTelemetry,
  metricAttributesOf,
  recordError,
  recordGetter,
  runSettled,
  runUserHook,
  type SqsInjectResult,
  type SqsMessageAttributes,
  secondsSince,
  startBatchSpan,
  startProducerSpan,
} from '@msgtrace/core';
import {
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { systemAttributesToRead, widenReceive } from './attribute-request.js';
import {
  batchFailuresOf,
  batchMessageIdsOf,
  createOperation,
  deleteOperation,
  messageLinkAttributes,
  messagesOf,
  processOperation,
  type QueueInfo,
  receiveOperation,
  requestIdOf,
  sendOperation,
  sentTimestampOf,
} from './describe.js';
import { receivedMessages } from './received.js';
import { snsEnvelopeCarrier } from './sns-envelope.js';
import type { AwsSqsInstrumentationConfig, SqsMessage } from './types.js';

/** Where a message's context went (`message-attributes`, `aws-trace-header`, `none`). */
export const ATTR_MSGTRACE_SQS_CONTEXT_CARRIER = 'msgtrace.sqs.context_carrier';
/** Why a message went without context (`message-too-large`, `no-attribute-slot`, …). */
export const ATTR_MSGTRACE_SQS_INJECTION_SKIPPED = 'msgtrace.sqs.injection_skipped';
/** Entries of a batch call SQS reported as failed. */
export const ATTR_MSGTRACE_SQS_FAILED_COUNT = 'msgtrace.sqs.failed_count';
/** The span event for one failed entry of a batch call. */
export const EVENT_SQS_ENTRY_FAILED = 'msgtrace.sqs.entry_failed';
/** The span event for one batch entry sent without context. */
export const EVENT_SQS_INJECTION_SKIPPED = 'msgtrace.sqs.injection_skipped';

type Input = Record<string, unknown>;
/** What the middleware does around one SQS call. */
export type SqsCall = InstrumentedCall<[{ input: Input }], Promise<{ output: unknown }>>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** What spans and metrics SQS commands produce; the middleware only hands commands over. */
export class SqsTelemetry extends MessagingTelemetry<AwsSqsInstrumentationConfig> {
  propagationMode(): AwsSqsInstrumentationConfig['propagationMode'] {
    return this.config().propagationMode;
  }

  /**
   * A message's creation context as its attributes, `AWSTraceHeader` or SNS envelope carry it;
   * for messages this instrumentation received, `receivedMessages()` remembers it instead (their
   * propagation attributes are gone by the time the application has them).
   */
  extractCreation(message: SqsMessage): Context | undefined {
    const extracted = extractSqsMessageContext(message, ROOT_CONTEXT);
    if (extracted.spanContext) return extracted.context;
    if (this.config().readSnsEnvelope === false) return undefined;
    const carrier = snsEnvelopeCarrier(message.Body);
    if (!carrier) return undefined;
    const fromEnvelope = extractContext(carrier, recordGetter, ROOT_CONTEXT);
    return fromEnvelope.spanContext ? fromEnvelope.context : undefined;
  }

  private inject(
    span: Span,
    context: Context,
    carrier: Record<string, string>,
    message: Input,
  ): SqsInjectResult {
    const config = this.config();
    const result = injectIntoSqsMessage(
      {
        body: typeof message.MessageBody === 'string' ? message.MessageBody : undefined,
        messageAttributes: message.MessageAttributes as SqsMessageAttributes | undefined,
        messageSystemAttributes: message.MessageSystemAttributes as
          | SqsMessageAttributes
          | undefined,
      },
      carrier,
      trace.getSpanContext(context) ?? span.spanContext(),
      {
        ...(config.maxMessageAttributes !== undefined
          ? { maxAttributes: config.maxMessageAttributes }
          : {}),
        ...(config.maxMessageBytes !== undefined
          ? { maxMessageBytes: config.maxMessageBytes }
          : {}),
      },
    );
    if (result.via === 'aws-trace-header' && config.awsTraceHeaderFallback === false) {
      return {
        messageAttributes: message.MessageAttributes as SqsMessageAttributes | undefined,
        messageSystemAttributes: message.MessageSystemAttributes as
          | SqsMessageAttributes
          | undefined,
        via: 'none',
        written: [],
        dropped: result.dropped,
        skipped: 'no-attribute-slot',
      };
    }
    return result;
  }

  /** A copy of one outgoing message (input or batch entry) with the context in it. */
  private withContext(message: Input, result: SqsInjectResult): Input {
    if (result.via === 'none') return message;
    const copy: Input = { ...message };
    if (result.messageAttributes !== undefined) copy.MessageAttributes = result.messageAttributes;
    if (result.messageSystemAttributes !== undefined) {
      copy.MessageSystemAttributes = result.messageSystemAttributes;
    }
    return copy;
  }

  private finish(
    span: Span,
    operation: MessagingOperation,
    startedAt: number,
    output: unknown,
    error: unknown,
    record: (metrics: MessagingMetrics, attributes: ReturnType<typeof metricAttributesOf>) => void,
  ): void {
    const requestId = requestIdOf(output) ?? requestIdOf((error as { $metadata?: unknown }) ?? {});
    if (requestId) span.setAttribute(ATTR_AWS_REQUEST_ID, requestId);
    if (error !== undefined) recordError(span, error);
    span.end();
    const metrics = this.metrics();
    if (!metrics.enabled) return;
    const attributes = metricAttributesOf(operation, error);
    record(metrics, attributes);
    metrics.recordOperationDuration(secondsSince(startedAt), attributes);
  }

  /** `SendMessage`: a `send {queue}` span whose context goes into the message. */
  sendMessage(queue: QueueInfo | undefined, input: Input): SqsCall {
    const operation = sendOperation(queue);
    const { span, context } = startProducerSpan(this.tracer(), operation);
    const startedAt = performance.now();
    const config = this.config();
    if (span.isRecording()) {
      runUserHook('producerHook', config.producerHook, span, {
        queueUrl: queue?.url ?? '',
        command: 'SendMessage',
        input,
      });
    }
    const result = this.inject(span, context, contextCarrier(context), input);
    span.setAttribute(ATTR_MSGTRACE_SQS_CONTEXT_CARRIER, result.via);
    if (result.skipped) span.setAttribute(ATTR_MSGTRACE_SQS_INJECTION_SKIPPED, result.skipped);
    const done = (output: unknown, error?: unknown): void => {
      const id = isObject(output) ? output.MessageId : undefined;
      if (typeof id === 'string') span.setAttribute(ATTR_MESSAGING_MESSAGE_ID, id);
      this.finish(span, operation, startedAt, output, error, (metrics, attributes) =>
        metrics.recordSent(1, attributes),
      );
    };
    return {
      args: [{ input: this.withContext(input, result) }],
      context,
      onSuccess: (response) => done(response.output),
      onError: (error) => done(undefined, error),
    };
  }

  /**
   * `SendMessageBatch`: one `send {queue}` span, its context in every entry; with
   * `createSpanPerMessage`, one `create {queue}` span per entry instead, each the creation context
   * of its entry, linked from the `send` span at creation.
   */
  sendMessageBatch(queue: QueueInfo | undefined, input: Input): SqsCall {
    const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
    const config = this.config();
    const tracer = this.tracer();
    const creates =
      config.createSpanPerMessage === true && entries.length > 1
        ? entries.map(() => startProducerSpan(tracer, createOperation(queue)))
        : undefined;
    const operation = sendOperation(queue);
    const { span, context } = startProducerSpan(tracer, operation, {
      messageCount: entries.length,
      ...(creates ? { links: creates.map((c) => ({ context: c.span.spanContext() })) } : {}),
    });
    const startedAt = performance.now();
    if (span.isRecording()) {
      runUserHook('producerHook', config.producerHook, span, {
        queueUrl: queue?.url ?? '',
        command: 'SendMessageBatch',
        input,
      });
    }
    const sharedCarrier = creates ? undefined : contextCarrier(context);
    const injected = entries.map((entry, i) => {
      if (!isObject(entry)) return entry;
      const create = creates?.[i];
      const entryContext = create ? create.context : context;
      const carrier = sharedCarrier ?? contextCarrier(entryContext);
      const result = this.inject(create ? create.span : span, entryContext, carrier, entry);
      if (result.skipped && span.isRecording()) {
        span.addEvent(EVENT_SQS_INJECTION_SKIPPED, {
          'msgtrace.sqs.entry_id': typeof entry.Id === 'string' ? entry.Id : '',
          [ATTR_MSGTRACE_SQS_INJECTION_SKIPPED]: result.skipped,
        });
      }
      create?.span.setAttribute(ATTR_MSGTRACE_SQS_CONTEXT_CARRIER, result.via);
      return this.withContext(entry, result);
    });
    const done = (output: unknown, error?: unknown): void => {
      const failures = batchFailuresOf(output);
      if (failures.length > 0) {
        span.setAttribute(ATTR_MSGTRACE_SQS_FAILED_COUNT, failures.length);
        for (const failure of failures) {
          span.addEvent(EVENT_SQS_ENTRY_FAILED, {
            'msgtrace.sqs.entry_id': failure.id,
            [ATTR_ERROR_TYPE]: failure.code,
            'msgtrace.sqs.sender_fault': failure.senderFault,
          });
        }
      }
      if (creates) this.endCreates(creates, entries, output, error);
      this.finish(span, operation, startedAt, output, error, (metrics, attributes) => {
        if (error !== undefined) {
          metrics.recordSent(entries.length, attributes);
          return;
        }
        metrics.recordSent(entries.length - failures.length, attributes);
        for (const failure of failures) {
          metrics.recordSent(1, { ...attributes, [ATTR_ERROR_TYPE]: failure.code });
        }
      });
    };
    return {
      args: [{ input: { ...input, Entries: injected } }],
      context,
      onSuccess: (response) => done(response.output),
      onError: (error) => done(undefined, error),
    };
  }

  /** Each `create` span ends with the batch, with its message id or its entry's failure. */
  private endCreates(
    creates: readonly { span: Span }[],
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

  /**
   * `ReceiveMessage`: asks for the propagation attributes in a copy of the input; when the answer
   * arrives, a `receive {queue}` span starting at the request's start, linked at creation to every
   * message's creation context; then each message is put back to what the caller asked for.
   */
  receiveMessage(queue: QueueInfo | undefined, input: Input): SqsCall {
    const startTime = Date.now();
    const startedAt = performance.now();
    const metrics = this.metrics();
    const widened = widenReceive(
      input,
      propagation.fields(),
      systemAttributesToRead(metrics.enabled),
    );
    const operation = receiveOperation(queue);
    const done = (output: unknown, error?: unknown): void => {
      const messages = messagesOf(output);
      const remembered = receivedMessages();
      const ages: (number | undefined)[] = [];
      const batch = messages.map((message) => {
        const creation = this.extractCreation(message);
        remembered.set(message, { creation, queue });
        ages.push(sentTimestampOf(message));
        widened.restore(message);
        return {
          creation: creation ? trace.getSpanContext(creation) : undefined,
          linkAttributes: messageLinkAttributes(message),
        };
      });
      const { span } = startBatchSpan(this.tracer(), operation, batch, { startTime });
      if (span.isRecording() && messages.length > 0) {
        runUserHook('consumerHook', this.config().consumerHook, span, {
          queueUrl: queue?.url ?? '',
          messages,
        });
      }
      this.finish(span, operation, startedAt, output, error, (recorder, attributes) => {
        recorder.recordConsumed(messages.length, attributes);
        for (const sent of ages) recorder.recordMessageAge(sent, attributes);
      });
    };
    return {
      args: [{ input: widened.input }],
      onSuccess: (response) => done(response.output),
      onError: (error) => done(undefined, error),
    };
  }

  /** The consumer hook, for recorded `process` spans. */
  consumerHook(span: Span, queue: QueueInfo | undefined, messages: readonly SqsMessage[]): void {
    if (!span.isRecording()) return;
    runUserHook('consumerHook', this.config().consumerHook, span, {
      queueUrl: queue?.url ?? '',
      messages,
    });
  }

  /**
   * The recorder for a `process` span's duration. Messages are counted, and aged from
   * `SentTimestamp`, once: by the `receive` that brought them, which every SDK consumer makes.
   */
  processMetrics(): { metrics?: MessagingMetrics } {
    const metrics = this.metrics();
    return metrics.enabled ? { metrics } : {};
  }

  /** Runs a batch handler in its span's context; the span ends when the handler settles. */
  runProcessBatch<T>(
    span: Span,
    spanContext: Context,
    queue: QueueInfo | undefined,
    work: () => T,
  ): T {
    const startedAt = performance.now();
    return runSettled('sqs process batch', spanContext, work, (error, failed) => {
      if (failed) recordError(span, error ?? new Error(`${String(error)} was thrown`));
      span.end();
      const metrics = this.metrics();
      if (!metrics.enabled) return;
      const operation = processOperation(queue);
      metrics.recordProcessDuration(
        secondsSince(startedAt),
        metricAttributesOf(operation, failed ? error : undefined),
      );
    });
  }

  /** `DeleteMessage` / `DeleteMessageBatch`: a `delete {queue}` settle span. */
  deleteMessage(queue: QueueInfo | undefined, input: Input, batch: boolean): SqsCall {
    const operation = deleteOperation(queue);
    const entries = batch && Array.isArray(input.Entries) ? input.Entries.length : undefined;
    const { span, context } = startProducerSpan(
      this.tracer(),
      operation,
      entries !== undefined ? { messageCount: entries } : {},
    );
    const startedAt = performance.now();
    const done = (output: unknown, error?: unknown): void => {
      const failures = batchFailuresOf(output);
      if (failures.length > 0) span.setAttribute(ATTR_MSGTRACE_SQS_FAILED_COUNT, failures.length);
      this.finish(span, operation, startedAt, output, error, () => undefined);
    };
    return {
      context,
      onSuccess: (response) => done(response.output),
      onError: (error) => done(undefined, error),
    };
  }
}
