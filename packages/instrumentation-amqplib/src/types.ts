import type { MessagingInstrumentationConfig } from '@msgtrace/core';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** The parts of an amqplib message msgtrace reads, declared structurally. */
export interface AmqpMessage {
  content: Buffer;
  fields: {
    deliveryTag: number;
    redelivered?: boolean;
    exchange: string;
    routingKey: string;
    consumerTag?: string;
  };
  properties: {
    headers?: Record<string, unknown> | undefined;
    messageId?: unknown;
    correlationId?: unknown;
    timestamp?: unknown;
  };
}

/** What `producerHook` receives with each `publish` span. */
export interface AmqpPublishHookInfo {
  exchange: string;
  routingKey: string;
  content: Buffer;
  /** The options as the caller gave them (do not mutate). */
  options: Readonly<Record<string, unknown>> | undefined;
}

/** What `consumerHook` receives with each `process` / `receive` span. */
export interface AmqpConsumeHookInfo {
  queue: string;
  message: AmqpMessage;
}

/** Configuration of {@link AmqplibInstrumentation}. */
export interface AmqplibInstrumentationConfig
  extends InstrumentationConfig,
    MessagingInstrumentationConfig<AmqpPublishHookInfo, AmqpConsumeHookInfo> {
  /**
   * A `process` span whose message is never acked, nacked or rejected (and whose channel stays
   * open) ends after this many milliseconds, marked `timeout`. Default 300000 (5 minutes);
   * 0 keeps such spans open until the channel closes.
   */
  settleTimeoutMs?: number;
}
