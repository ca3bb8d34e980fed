import {
  contextCarrier,
  extractContext,
  injectIntoHeaders,
  MessagingTelemetry,
  metricAttributesOf,
  recordError,
  recordHeadersGetter,
  resolvePropagationMode,
  runUserHook,
  secondsSince,
  startBatchSpan,
  startMessageSpan,
  startProducerSpan,
} from '@msgtrace/core';
import { type Context, context, type Span, trace } from '@opentelemetry/api';
import {
  ATTR_MSGTRACE_REQUEUE,
  ATTR_MSGTRACE_SETTLEMENT,
  brokerTimestamp,
  deliveryOperation,
  emptyReceiveOperation,
  headersSizeEstimate,
  MAX_HEADERS_ESTIMATE,
  type PeerInfo,
  publishOperation,
} from './describe.js';
import type { OpenDelivery, Settlement } from './settlement.js';
import type { AmqplibInstrumentationConfig, AmqpMessage } from './types.js';

/** A publish in flight: the options to publish with, and how to end its span. */
export interface PreparedPublish {
  options: Record<string, unknown>;
  context: Context;
  end(error?: unknown): void;
}

/** The delivery of a span that records nothing: settling it has nothing to end. */
export const UNTRACKED: OpenDelivery = { settle: () => undefined };

/** See `settleTimeoutMs`. */
export const DEFAULT_SETTLE_TIMEOUT_MS = 300_000;

/** What spans and metrics amqplib calls produce; the patches only hand arguments over. */
export class AmqpTelemetry extends MessagingTelemetry<AmqplibInstrumentationConfig> {
  preparePublish(
    peer: PeerInfo,
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Record<string, unknown> | undefined,
  ): PreparedPublish {
    const config = this.config();
    const operation = publishOperation(exchange, routingKey, content, options, peer);
    const started = startProducerSpan(this.tracer(), operation);
    const startedAt = performance.now();
    if (started.span.isRecording()) {
      runUserHook('producerHook', config.producerHook, started.span, {
        exchange,
        routingKey,
        content,
        options,
      });
    }
    const headers = options?.headers as Record<string, unknown> | undefined;
    const copy: Record<string, unknown> = { ...options };
    if (headersSizeEstimate(headers) <= MAX_HEADERS_ESTIMATE) {
      copy.headers = injectIntoHeaders(headers, contextCarrier(started.context));
    }
    return {
      options: copy,
      context: started.context,
      end: (error) => {
        if (error !== undefined) recordError(started.span, error);
        started.span.end();
        const metrics = this.metrics();
        if (!metrics.enabled) return;
        const attributes = metricAttributesOf(operation, error);
        metrics.recordSent(1, attributes);
        metrics.recordOperationDuration(secondsSince(startedAt), attributes);
      },
    };
  }

  settleTimeoutMs(): number {
    return this.config().settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
  }

  propagationMode(): AmqplibInstrumentationConfig['propagationMode'] {
    return this.config().propagationMode;
  }

  creationOf(message: AmqpMessage): Context | undefined {
    const { spanContext, context: extracted } = extractContext(
      message?.properties?.headers,
      recordHeadersGetter,
      context.active(),
    );
    return spanContext ? extracted : undefined;
  }

  /**
   * Starts the `process {queue}` span of a consumed message, open until the message is settled
   * (or, with `noAck`, until the handler finishes): the caller runs the handler in `context`.
   */
  startDelivery(
    peer: PeerInfo,
    queue: string,
    message: AmqpMessage,
  ): { span: Span; context: Context; delivery: OpenDelivery } {
    const config = this.config();
    const operation = deliveryOperation('process', queue, message, peer);
    const metrics = this.metrics();
    const attributes = metrics.enabled ? metricAttributesOf(operation) : undefined;
    if (attributes) {
      metrics.recordConsumed(1, attributes);
      metrics.recordMessageAge(brokerTimestamp(message), attributes);
    }
    const mode = resolvePropagationMode(config.propagationMode, {
      system: 'rabbitmq',
      destination: queue,
      operation: 'process',
    });
    const started = startMessageSpan(this.tracer(), operation, this.creationOf(message), mode);
    if (!started.span.isRecording() && !attributes) {
      // Nothing to record and no metrics: no hook, no settlement to wait for.
      return { span: started.span, context: started.context, delivery: UNTRACKED };
    }
    runUserHook('consumerHook', config.consumerHook, started.span, { queue, message });
    const startedAt = performance.now();
    let settled = false;
    const delivery: OpenDelivery = {
      settle: (outcome: Settlement, requeue?: boolean) => {
        if (settled) return;
        settled = true;
        started.span.setAttribute(ATTR_MSGTRACE_SETTLEMENT, outcome);
        if (requeue !== undefined && (outcome === 'nack' || outcome === 'reject')) {
          started.span.setAttribute(ATTR_MSGTRACE_REQUEUE, requeue);
        }
        started.span.end();
        if (attributes) metrics.recordProcessDuration(secondsSince(startedAt), attributes);
      },
    };
    return { span: started.span, context: started.context, delivery };
  }

  /** Marks a delivery's span failed: its handler threw or rejected. */
  handlerFailed(span: Span, error: unknown): void {
    recordError(span, error);
  }

  /**
   * The `receive {queue}` span of a `get`, made when the answer arrives but starting when the
   * request did, linked to the message's creation context (given at creation).
   */
  recordGet(
    peer: PeerInfo,
    queue: string,
    startTime: number,
    message: AmqpMessage | false,
    error?: unknown,
  ): void {
    const config = this.config();
    const operation = message
      ? deliveryOperation('receive', queue, message, peer)
      : emptyReceiveOperation(queue, peer);
    const creation = message ? this.creationOf(message) : undefined;
    const started = startBatchSpan(
      this.tracer(),
      operation,
      message ? [{ creation: creation ? trace.getSpanContext(creation) : undefined }] : [],
      { startTime, countMessages: false },
    );
    if (message) runUserHook('consumerHook', config.consumerHook, started.span, { queue, message });
    if (error !== undefined) recordError(started.span, error);
    started.span.end();
    const metrics = this.metrics();
    if (!metrics.enabled) return;
    const attributes = metricAttributesOf(operation, error);
    if (message) {
      metrics.recordConsumed(1, attributes);
      metrics.recordMessageAge(brokerTimestamp(message), attributes);
    }
    metrics.recordOperationDuration((Date.now() - startTime) / 1000, attributes);
  }
}
