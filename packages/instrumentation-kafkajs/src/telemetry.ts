import {
  ATTR_ERROR_TYPE,
  contextCarrier,
  errorTypeOf,
  extractContext,
  guard,
  injectIntoHeaders,
  type MessagingOperation,
  MessagingTelemetry,
  metricAttributesOf,
  recordError,
  recordHeadersGetter,
  resolvePropagationMode,
  runInMessageContext,
  runSettled,
  runUserHook,
  type StartedSpan,
  secondsSince,
  startBatchSpan,
  startProducerSpan,
} from '@msgtrace/core';
import {
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import {
  brokerTimestamp,
  type ClientInfo,
  type ConsumerInfo,
  createOperation,
  linkAttributes,
  processOperation,
  sendOperation,
  sentPosition,
  type TopicMessages,
} from './describe.js';
import { batchMessages } from './received.js';
import type { ConsumedMessage, KafkaJsInstrumentationConfig, ProducerMessage } from './types.js';

/** The spans of one send or sendBatch call, and the copies of its messages that carry them. */
export interface PreparedSend {
  /** Per topic, copies of the caller's messages whose headers carry the creation context. */
  injected: Map<string, ProducerMessage[]>;
  /** The context the library call runs in: the send span's, when there is just one. */
  context: Context | undefined;
  sendSpans: SpanContext[];
  onSuccess(metadata: unknown): void;
  onError(error: unknown): void;
}

/**
 * What spans and metrics kafkajs calls produce. The patches decide nothing: they hand the call's
 * arguments here and call the library with what comes back.
 */
export class KafkaTelemetry extends MessagingTelemetry<KafkaJsInstrumentationConfig> {
  prepareSend(client: ClientInfo, topics: TopicMessages[]): PreparedSend {
    const config = this.config();
    const tracer = this.tracer();
    const startedAt = performance.now();
    const injected = new Map<string, ProducerMessage[]>();
    const spans: { topic: TopicMessages; started: StartedSpan; operation: MessagingOperation }[] =
      [];
    for (const topic of topics) {
      const operation = sendOperation(client, topic, config.captureMessageKey === true);
      const count = topic.messages.length;
      let copies: ProducerMessage[];
      let started: StartedSpan;
      if (config.createSpanPerMessage) {
        // Each message's own `create` span is its creation context; the send span links to
        // them all, given at creation so samplers see the links.
        const creations = topic.messages.map((message) =>
          this.createSpan(client, topic.topic, message),
        );
        started = startProducerSpan(tracer, operation, {
          ...(count > 1 ? { messageCount: count } : {}),
          links: creations.map((creation) => ({ context: creation.span.spanContext() })),
        });
        copies = topic.messages.map((message, i) =>
          withCarrier(message, contextCarrier(creations[i]?.context)),
        );
      } else {
        started = startProducerSpan(tracer, operation, count > 1 ? { messageCount: count } : {});
        const carrier = contextCarrier(started.context);
        copies = topic.messages.map((message) => withCarrier(message, carrier));
      }
      if (started.span.isRecording()) {
        runUserHook('producerHook', config.producerHook, started.span, {
          topic: topic.topic,
          messages: topic.messages,
        });
      }
      injected.set(topic.topic, copies);
      spans.push({ topic, started, operation });
    }
    const finish = (metadata: unknown, error: unknown) => {
      const seconds = secondsSince(startedAt);
      for (const { topic, started, operation } of spans) {
        if (error !== undefined) {
          recordError(started.span, error);
        } else if (topic.messages.length === 1) {
          started.span.setAttributes(sentPosition(topic.topic, metadata));
        }
        started.span.end();
        const metrics = this.metrics();
        if (!metrics.enabled) continue;
        const attributes = metricAttributesOf(operation, error);
        metrics.recordSent(topic.messages.length, attributes);
        metrics.recordOperationDuration(seconds, attributes);
      }
    };
    return {
      injected,
      context: spans.length === 1 ? spans[0]?.started.context : undefined,
      sendSpans: spans.map(({ started }) => started.span.spanContext()),
      onSuccess: (metadata) => finish(metadata, undefined),
      onError: (error) => finish(undefined, error ?? new Error('send failed')),
    };
  }

  private createSpan(client: ClientInfo, topic: string, message: ProducerMessage): StartedSpan {
    const config = this.config();
    const started = startProducerSpan(
      this.tracer(),
      createOperation(client, topic, message, config.captureMessageKey === true),
    );
    started.span.end();
    return started;
  }

  /**
   * A `commit` or `abort` span for a transaction, linked to the send spans made in it, so the
   * outcome of every transactional message can be found from its trace.
   */
  startTransactionEnd(
    outcome: 'commit' | 'abort',
    client: ClientInfo,
    sends: readonly SpanContext[],
  ): { span: Span; end(error?: unknown): void } {
    const links: Link[] = sends.map((spanContext) => ({ context: spanContext }));
    const span = this.tracer().startSpan(outcome, {
      kind: SpanKind.CLIENT,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.name': outcome,
        ...(client.clientId ? { 'messaging.client.id': client.clientId } : {}),
      },
      links,
    });
    return {
      span,
      end(error) {
        if (error !== undefined) recordError(span, error);
        span.end();
      },
    };
  }

  /** The creation context a consumed message carries, if any. */
  creationOf(message: ConsumedMessage): Context | undefined {
    const { spanContext, context: extracted } = extractContext(
      message?.headers,
      recordHeadersGetter,
      context.active(),
    );
    return spanContext ? extracted : undefined;
  }

  /**
   * Runs `eachMessage`'s handler, or `processMessage`'s work, under the message's `process` span.
   * `inBatch`: the message came through `eachBatch`, which already counted it and its age.
   */
  processOne<T>(
    consumer: ConsumerInfo,
    topic: string | undefined,
    partition: number | undefined,
    message: ConsumedMessage,
    creation: Context | undefined,
    inBatch: boolean,
    work: () => T,
  ): T {
    const prepared = guard('kafkajs process span', () => {
      const config = this.config();
      const operation = processOperation(
        consumer,
        topic,
        partition,
        message,
        config.captureMessageKey === true,
      );
      const metrics = this.metrics();
      const attributes = metrics.enabled ? metricAttributesOf(operation) : undefined;
      if (attributes && !inBatch) {
        metrics.recordConsumed(1, attributes);
        metrics.recordMessageAge(brokerTimestamp(message), attributes);
      }
      return {
        tracer: this.tracer(),
        operation,
        creation,
        mode: resolvePropagationMode(config.propagationMode, {
          system: 'kafka',
          destination: topic ?? '',
          operation: 'process',
        }),
        linkAttributes: linkAttributes(partition, message),
        ...(attributes ? { metrics, metricAttributes: attributes } : {}),
        onStart: (span: Span) =>
          span.isRecording() &&
          runUserHook('consumerHook', config.consumerHook, span, {
            topic: topic ?? '',
            partition: partition ?? -1,
            message,
            messages: [message],
          }),
      };
    });
    return prepared ? runInMessageContext(prepared, work) : work();
  }

  /**
   * Runs `eachBatch` under one `process {topic}` span that links to every message's creation
   * context at creation. Each message is remembered so `processMessage` can find its topic,
   * partition and creation context without the caller passing them.
   */
  processBatch<T>(
    consumer: ConsumerInfo,
    topic: string,
    partition: number,
    messages: readonly ConsumedMessage[],
    work: () => T,
  ): T {
    const prepared = guard('kafkajs eachBatch span', () => {
      const config = this.config();
      const operation = processOperation(consumer, topic, partition, undefined, false);
      const received = batchMessages();
      const metrics = this.metrics();
      const attributes = metricAttributesOf(operation);
      const links = messages.map((message) => {
        const creation = this.creationOf(message);
        received.set(message, { consumer, topic, partition, creation });
        metrics.recordMessageAge(brokerTimestamp(message), attributes);
        return {
          creation: creation ? trace.getSpanContext(creation) : undefined,
          linkAttributes: linkAttributes(partition, message),
        };
      });
      const started = startBatchSpan(this.tracer(), operation, links);
      metrics.recordConsumed(messages.length, attributes);
      if (started.span.isRecording()) {
        runUserHook('consumerHook', config.consumerHook, started.span, {
          topic,
          partition,
          message: undefined,
          messages,
        });
      }
      return { started, attributes, startedAt: performance.now() };
    });
    if (!prepared) return work();
    const { started, attributes, startedAt } = prepared;
    return runSettled('kafkajs eachBatch span end', started.context, work, (error, failed) => {
      let metricAttributes = attributes;
      if (failed) {
        recordError(started.span, error);
        metricAttributes = { ...attributes, [ATTR_ERROR_TYPE]: errorTypeOf(error) };
      }
      started.span.end();
      this.metrics().recordProcessDuration(secondsSince(startedAt), metricAttributes);
    });
  }
}

function withCarrier(message: ProducerMessage, carrier: Record<string, string>): ProducerMessage {
  if (!message || typeof message !== 'object') return message;
  return {
    ...message,
    headers: injectIntoHeaders(message.headers, carrier) as ProducerMessage['headers'],
  };
}
