import {
  type MessageProcessing,
  MessagingTelemetry,
  type PathwayRef,
  resolvePropagationMode,
  runUserHook,
  type StartedOperation,
  sqsMessageAttributesGetter,
  startBatchOperation,
} from '@msgtrace/core';
import type { Context, Span } from '@opentelemetry/api';
import { trace } from '@opentelemetry/api';
import {
  messageLinkAttributes,
  processOperation,
  type QueueInfo,
  sentTimestampOf,
} from './describe.js';
import type { SqsCall, SqsInput } from './telemetry/call.js';
import { creationOf } from './telemetry/creation.js';
import { deleteMessage } from './telemetry/delete.js';
import { receiveMessage } from './telemetry/receive.js';
import { sendMessage, sendMessageBatch } from './telemetry/send.js';
import type { AwsSqsInstrumentationConfig, SqsMessage } from './types.js';

export type { SqsCall } from './telemetry/call.js';

/** One message about to be processed by `processMessage`, its queue and context looked up. */
export interface SqsMessageToProcess {
  message: SqsMessage;
  queue: QueueInfo | undefined;
  creation: Context | undefined;
  /**
   * Set for a message no instrumented `ReceiveMessage` counted (a Lambda event's record): it is
   * counted as consumed, and aged, as processing starts.
   */
  uncounted?: boolean;
  /** The pathway an instrumented receive read (and recorded); else read from the message. */
  pathway?: PathwayRef | undefined;
}

/**
 * What spans and metrics SQS commands produce; the middleware only hands commands over. Each
 * operation's span and metric logic is in its own module under `telemetry/`.
 */
export class SqsTelemetry extends MessagingTelemetry<AwsSqsInstrumentationConfig> {
  /** A message's creation context as its attributes, `AWSTraceHeader` or SNS envelope carry it. */
  extractCreation(message: SqsMessage): Context | undefined {
    return creationOf(message, this.config());
  }

  sendMessage(queue: QueueInfo | undefined, input: SqsInput): SqsCall {
    return sendMessage(this, queue, input);
  }

  sendMessageBatch(queue: QueueInfo | undefined, input: SqsInput): SqsCall {
    return sendMessageBatch(this, queue, input);
  }

  receiveMessage(queue: QueueInfo | undefined, input: SqsInput): SqsCall {
    return receiveMessage(this, queue, input);
  }

  deleteMessage(queue: QueueInfo | undefined, input: SqsInput, batch: boolean): SqsCall {
    return deleteMessage(this, queue, input, batch);
  }

  /**
   * Everything one message's `process` span needs. Messages are counted, and aged from
   * `SentTimestamp`, once: by the `receive` that brought them, or here when none did.
   */
  messageProcessing(item: SqsMessageToProcess): MessageProcessing {
    const config = this.config();
    const { message, queue } = item;
    return {
      tracer: this.tracer(),
      metrics: this.metrics(),
      operation: processOperation(queue, message, this.semconv()),
      creation: item.creation,
      mode: resolvePropagationMode(config.propagationMode, {
        system: 'aws_sqs',
        destination: queue?.name ?? '',
        operation: 'process',
      }),
      linkAttributes: messageLinkAttributes(message),
      consumed: item.uncounted ? { brokerTimestampMs: sentTimestampOf(message) } : undefined,
      pathway: item.pathway ?? this.pathwayOf(item),
      onStart: (span) => this.consumerHook(span, queue, [message]),
    };
  }

  /** One `process {queue}` span for a batch handler, linked to every message's creation. */
  startProcessBatch(items: readonly SqsMessageToProcess[]): StartedOperation {
    const queue = items.find((item) => item.queue)?.queue;
    const operation = startBatchOperation(
      this.tracer(),
      this.metrics(),
      processOperation(queue, undefined, this.semconv()),
      items.map(({ message, creation }) => ({
        creation: creation ? trace.getSpanContext(creation) : undefined,
        linkAttributes: messageLinkAttributes(message),
      })),
    );
    this.consumerHook(
      operation.span,
      queue,
      items.map((item) => item.message),
    );
    return operation;
  }

  /** A message no instrumented receive read: recorded here only if nothing counted it. */
  private pathwayOf({ message, queue, uncounted }: SqsMessageToProcess): PathwayRef | undefined {
    const pipelines = this.pipelines();
    const attributes = message.MessageAttributes;
    if (!uncounted) return pipelines?.read(attributes, sqsMessageAttributesGetter);
    return pipelines?.incomingFrom(
      attributes,
      sqsMessageAttributesGetter,
      'aws_sqs',
      queue?.name ?? '',
    );
  }

  private consumerHook(span: Span, queue: QueueInfo | undefined, messages: SqsMessage[]): void {
    if (!span.isRecording()) return;
    runUserHook('consumerHook', this.config().consumerHook, span, {
      queueUrl: queue?.url ?? '',
      messages,
    });
  }
}
