import type { MessagingInstrumentationConfig, SqsMessageAttributes } from '@msgtrace/core';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * A received SQS message as the SDK returns it (`ReceiveMessage`'s `Messages[]`), declared
 * structurally so the package does not depend on the SDK's types.
 */
export interface SqsMessage {
  MessageId?: string | undefined;
  ReceiptHandle?: string | undefined;
  Body?: string | undefined;
  MD5OfBody?: string | undefined;
  MD5OfMessageAttributes?: string | undefined;
  Attributes?: Partial<Record<string, string>> | undefined;
  MessageAttributes?: SqsMessageAttributes | undefined;
}

/** What `producerHook` receives with each `send` span. */
export interface SqsSendHookInfo {
  queueUrl: string;
  /** `SendMessage` or `SendMessageBatch`. */
  command: string;
  /** The command input as the caller gave it (do not mutate). */
  input: Readonly<Record<string, unknown>>;
}

/** What `consumerHook` receives with each `receive` and `process` span. */
export interface SqsReceiveHookInfo {
  queueUrl: string;
  /** The messages of a `receive`, or the one message of a `process`. */
  messages: readonly SqsMessage[];
}

/** Configuration of {@link AwsSqsInstrumentation}. */
export interface AwsSqsInstrumentationConfig
  extends InstrumentationConfig,
    MessagingInstrumentationConfig<SqsSendHookInfo, SqsReceiveHookInfo> {
  /**
   * How many message attributes a message may have after injection. Default 10, SQS's limit.
   * Lower it to keep slots free for attributes something downstream adds (an SNS fan-out,
   * a forwarding Lambda); when no slot is left the context travels in `AWSTraceHeader`.
   */
  maxMessageAttributes?: number;
  /**
   * The queue's maximum message size in bytes (body plus attributes). Default 262144 (256 KiB).
   * A message that would exceed it with the context is sent without context, never rejected.
   */
  maxMessageBytes?: number;
  /**
   * Whether a message with no free attribute slot carries its context in the `AWSTraceHeader`
   * system attribute (X-Ray format, as AWS services propagate it). Default `true`.
   */
  awsTraceHeaderFallback?: boolean;
  /**
   * Whether the context of an SNS notification delivered to SQS without raw delivery is read
   * from the envelope in the body (`MessageAttributes` of the notification). Default `true`.
   */
  readSnsEnvelope?: boolean;
  /**
   * Whether a `ReceiveMessage` that returns no messages still makes a `receive` span. Default
   * `false`: at high poll rates empty polls would be most of a service's traces, and each says
   * only that nothing came. Their duration and count go into the metrics either way; a receive
   * that fails always has its span. `MSGTRACE_SQS_TRACE_EMPTY_RECEIVES=true` sets it for the
   * register entries.
   */
  traceEmptyReceives?: boolean;
}
