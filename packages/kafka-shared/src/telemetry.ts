import {
  contextCarrier,
  extractContext,
  guard,
  type InstrumentedCall,
  injectIntoHeaders,
  type MessageProcessing,
  MessagingTelemetry,
  PATHWAY_FIELD,
  type PathwayRef,
  processInMessageContext,
  recordHeadersGetter,
  resolvePropagationMode,
  runOperation,
  runUserHook,
  type StartedOperation,
  startBatchOperation,
  startOperation,
  type TelemetrySource,
} from '@msgtrace/core';
import {
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  trace,
} from '@opentelemetry/api';
import type { ClientInfo, ConsumerInfo } from './client-info.js';
import {
  brokerTimestamp,
  createOperation,
  linkAttributes,
  processOperation,
  type SendShape,
  sendOperation,
  sentPosition,
} from './describe.js';
import { lateClusterId } from './late-cluster-id.js';
import { batchMessages } from './received.js';
import type { ConsumedMessage, KafkaInstrumentationConfig, ProducerMessage } from './types.js';

/** One message about to be processed: by `eachMessage`'s handler or `processMessage`'s work. */
export interface KafkaMessageToProcess {
  message: ConsumedMessage;
  consumer: ConsumerInfo;
  topic: string | undefined;
  partition: number | undefined;
  /**
   * Set when the message came through `eachBatch`, which already counted it, recorded its age
   * and pathway and read its creation context.
   */
  fromBatch?: { creation: Context | undefined; pathway: PathwayRef | undefined } | undefined;
}

/** A KafkaJS-API send, sendBatch, commit or abort as the patches call it. */
export type KafkaCall = InstrumentedCall<unknown[], unknown>;

/**
 * What spans and metrics Kafka calls produce, whichever client made them. The patches decide nothing: they hand the call's
 * arguments here and call the library with what comes back.
 */
export class KafkaTelemetry extends MessagingTelemetry<KafkaInstrumentationConfig> {
  /**
   * @param label the client's name in diagnostics (`kafkajs`, `confluent-kafka`): spans and
   *   attributes never depend on it.
   */
  constructor(
    source: TelemetrySource<KafkaInstrumentationConfig>,
    readonly label: string,
  ) {
    super(source);
  }

  /**
   * A `send` or `sendBatch`: one `send {topic}` span per topic, whose context goes into copies of
   * the topic's messages (or, with `createSpanPerMessage`, one `create` span per message). The
   * send spans' contexts are pushed to `sends` (a transaction's, for its commit or abort span).
   */
  prepareSend(
    client: ClientInfo,
    shape: SendShape,
    args: unknown[],
    sends?: SpanContext[],
  ): KafkaCall | undefined {
    const [arg, ...rest] = args;
    const topics = shape.describe(arg);
    if (!topics) return undefined;
    const config = this.config();
    const captureKey = config.captureMessageKey === true;
    const semconv = this.semconv();
    const injected = new Map<string, ProducerMessage[]>();
    const operations: StartedOperation[] = [];
    for (const topic of topics) {
      const count = topic.messages.length;
      let links: Link[] | undefined;
      let carriers: Record<string, string>[] | undefined;
      if (config.createSpanPerMessage) {
        // Each message's own `create` span is its creation context; the send span links to
        // them all, given at creation so samplers see the links.
        const creates = topic.messages.map((message) =>
          this.createSpan(client, topic.topic, message),
        );
        links = creates.map((create) => ({ context: create.span.spanContext() }));
        carriers = creates.map((create) => contextCarrier(create.context));
      }
      const operation = startOperation(
        this.tracer(),
        this.metrics(),
        sendOperation(client, topic, captureKey, semconv),
        { ...(count > 1 ? { messageCount: count } : {}), ...(links ? { links } : {}) },
      );
      const shared = carriers ? undefined : contextCarrier(operation.context);
      const pathway = this.pipelines()?.outgoing('kafka', topic.topic, count);
      if (shared && pathway) shared[PATHWAY_FIELD] = pathway;
      else if (pathway) for (const carrier of carriers ?? []) carrier[PATHWAY_FIELD] = pathway;
      injected.set(
        topic.topic,
        topic.messages.map((message, i) => withCarrier(message, shared ?? carriers?.[i] ?? {})),
      );
      if (operation.span.isRecording()) {
        runUserHook('producerHook', config.producerHook, operation.span, {
          topic: topic.topic,
          messages: topic.messages,
        });
      }
      sends?.push(operation.span.spanContext());
      operations.push(operation);
    }
    const call: KafkaCall = {
      args: [shape.rebuild(arg, injected), ...rest],
      ...(operations.length === 1 && operations[0] ? { context: operations[0].context } : {}),
    };
    // An unsampled send without metrics has nothing to end: the client's promise goes back as it is.
    if (!operations.some((operation) => operation.observed)) return call;
    return {
      ...call,
      onSuccess: (metadata) => {
        operations.forEach((operation, i) => {
          const topic = topics[i];
          if (topic?.messages.length === 1 && operation.span.isRecording()) {
            operation.span.setAttributes(sentPosition(topic.topic, metadata, semconv));
          }
          lateClusterId(operation, client, semconv);
          operation.end(topic?.messages.length);
        });
      },
      onError: (error) => {
        operations.forEach((operation, i) => {
          lateClusterId(operation, client, semconv);
          operation.fail(error ?? new Error('send failed'), topics[i]?.messages.length);
        });
      },
    };
  }

  private createSpan(client: ClientInfo, topic: string, message: ProducerMessage) {
    const config = this.config();
    const operation = startOperation(
      this.tracer(),
      this.metrics(),
      createOperation(client, topic, message, config.captureMessageKey === true, this.semconv()),
    );
    operation.span.end();
    return operation;
  }

  /** The pathway a consumed message carries, recorded (undefined: none, or pipelines off). */
  pathwayOf(message: ConsumedMessage, topic: string): PathwayRef | undefined {
    return this.pipelines()?.incomingFrom(message.headers, recordHeadersGetter, 'kafka', topic);
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

  /** Runs `eachMessage`'s handler, or `processMessage`'s work, under the message's `process` span. */
  processOne<T>(item: KafkaMessageToProcess, work: (span: Span | undefined) => T): T {
    return processInMessageContext(
      `${this.label} process span`,
      () => this.messageProcessing(item),
      work,
    );
  }

  /** Everything one message's `process` span needs. */
  messageProcessing(item: KafkaMessageToProcess): MessageProcessing {
    const { message, topic, partition } = item;
    const config = this.config();
    const mode = resolvePropagationMode(config.propagationMode, {
      system: 'kafka',
      destination: topic ?? '',
      operation: 'process',
    });
    return {
      tracer: this.tracer(),
      metrics: this.metrics(),
      operation: processOperation(
        item.consumer,
        topic,
        partition,
        message,
        config.captureMessageKey === true,
        this.semconv(),
      ),
      creation: item.fromBatch ? item.fromBatch.creation : this.creationOf(message),
      mode,
      pathway: item.fromBatch ? item.fromBatch.pathway : this.pathwayOf(message, topic ?? ''),
      // Only a link carries them: child mode (the default) builds none.
      ...(mode === 'link'
        ? { linkAttributes: linkAttributes(partition, message, this.semconv()) }
        : {}),
      consumed: item.fromBatch ? undefined : { brokerTimestampMs: brokerTimestamp(message) },
      onStart: (span: Span) =>
        span.isRecording() &&
        runUserHook('consumerHook', config.consumerHook, span, {
          topic: topic ?? '',
          partition: partition ?? -1,
          message,
          messages: [message],
        }),
    };
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
    const operation = guard(`${this.label} eachBatch span`, () => {
      const config = this.config();
      const semconv = this.semconv();
      const received = batchMessages();
      const links = messages.map((message) => {
        const creation = this.creationOf(message);
        // Each message's own pathway, recorded as the batch starts. The batch's context has none:
        // what it produces outside `processMessage` starts a new pathway (docs/pipelines.md).
        received.set(message, {
          consumer,
          topic,
          partition,
          creation,
          pathway: this.pathwayOf(message, topic),
        });
        return {
          creation: creation ? trace.getSpanContext(creation) : undefined,
          linkAttributes: linkAttributes(partition, message, semconv),
        };
      });
      const started = startBatchOperation(
        this.tracer(),
        this.metrics(),
        processOperation(consumer, topic, partition, undefined, false, semconv),
        links,
      );
      const attributes = started.metricAttributes();
      if (attributes) {
        const metrics = this.metrics();
        metrics.recordConsumed(messages.length, attributes);
        for (const message of messages) {
          metrics.recordMessageAge(brokerTimestamp(message), attributes);
        }
      }
      if (started.span.isRecording()) {
        runUserHook('consumerHook', config.consumerHook, started.span, {
          topic,
          partition,
          message: undefined,
          messages,
        });
      }
      return started;
    });
    return operation ? runOperation(`${this.label} eachBatch span end`, operation, work) : work();
  }
}

function withCarrier(message: ProducerMessage, carrier: Record<string, string>): ProducerMessage {
  if (!message || typeof message !== 'object') return message;
  return {
    ...message,
    headers: injectIntoHeaders(message.headers, carrier) as ProducerMessage['headers'],
  };
}
