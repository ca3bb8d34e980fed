import {
  contextCarrier,
  extractContext,
  type InstrumentedCall,
  injectIntoHeaders,
  type MessageProcessing,
  MessagingTelemetry,
  PATHWAY_FIELD,
  recordError,
  recordHeadersGetter,
  resolvePropagationMode,
  runUserHook,
  type StartedOperation,
  startBatchOperation,
  startMessageOperation,
  startOperation,
} from '@msgtrace/core';
import { type Context, context, type Span, trace } from '@opentelemetry/api';
import { ATTR_MSGTRACE_REQUEUE, ATTR_MSGTRACE_SETTLEMENT } from './attributes.js';
import {
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

/** An amqplib publish or get as the patches call it. */
export type AmqpCall = InstrumentedCall<unknown[], unknown>;

/** The delivery of a span that records nothing: settling it has nothing to end. */
export const UNTRACKED: OpenDelivery = { settle: () => undefined };

/** What `resolvePropagationMode` is given for a fixed mode, which it does not read. */
const FIXED_MODE_INFO = Object.freeze({
  system: 'rabbitmq',
  destination: '',
  operation: 'process',
} as const);

/** See `settleTimeoutMs`. */
export const DEFAULT_SETTLE_TIMEOUT_MS = 300_000;

/**
 * A consumed message's open `process` operation: one object per delivery (no closure), ended
 * once by its settlement.
 */
class ProcessDelivery implements OpenDelivery {
  private settled = false;
  /** Set by `track`; declared here so every delivery has the same shape. */
  deadline = Number.POSITIVE_INFINITY;

  constructor(
    private readonly span: Span,
    private readonly operation: StartedOperation,
  ) {}

  settle(outcome: Settlement, requeue?: boolean): void {
    if (this.settled) return;
    this.settled = true;
    this.span.setAttribute(ATTR_MSGTRACE_SETTLEMENT, outcome);
    if (requeue !== undefined && (outcome === 'nack' || outcome === 'reject')) {
      this.span.setAttribute(ATTR_MSGTRACE_REQUEUE, requeue);
    }
    this.operation.end();
  }
}

/** What spans and metrics amqplib calls produce; the patches only hand arguments over. */
export class AmqpTelemetry extends MessagingTelemetry<AmqplibInstrumentationConfig> {
  /**
   * A `publish` span, ended when the call returns (or, on a confirm channel, when the broker
   * answers: the patch calls `onSuccess` / `onError` from the confirm callback). The call gets a
   * copy of the options whose headers carry the span's context; `rest` follows them unchanged.
   */
  preparePublish(
    peer: PeerInfo,
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Record<string, unknown> | undefined,
    rest: readonly unknown[],
  ): AmqpCall {
    const config = this.config();
    const operation = startOperation(
      this.tracer(),
      this.metrics(),
      publishOperation(exchange, routingKey, content, options, peer, this.semconv()),
    );
    // The hook's argument only when there is a hook: not an object per sampled publish for none.
    if (config.producerHook && operation.span.isRecording()) {
      runUserHook('producerHook', config.producerHook, operation.span, {
        exchange,
        routingKey,
        content,
        options,
      });
    }
    const headers = options?.headers as Record<string, unknown> | undefined;
    const copy: Record<string, unknown> = { ...options };
    if (headersSizeEstimate(headers) <= MAX_HEADERS_ESTIMATE) {
      const carrier = contextCarrier(operation.context);
      const pathway = this.pipelines()?.outgoing(
        'rabbitmq',
        operation.operation.destination ?? '',
        1,
      );
      if (pathway) carrier[PATHWAY_FIELD] = pathway;
      copy.headers = injectIntoHeaders(headers, carrier);
    }
    // No context switch around the call: amqplib's publish only buffers a frame, and makes no
    // spans that could nest under ours.
    const args =
      rest.length === 0
        ? [exchange, routingKey, content, copy]
        : [exchange, routingKey, content, copy, ...rest];
    if (!operation.observed) return { args };
    return {
      args,
      onSuccess: () => {
        operation.end(1);
      },
      onError: (error) => {
        operation.fail(error, 1);
      },
    };
  }

  settleTimeoutMs(): number {
    return this.config().settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
  }

  creationOf(message: AmqpMessage): Context | undefined {
    const { spanContext, context: extracted } = extractContext(
      message?.properties?.headers,
      recordHeadersGetter,
      context.active(),
    );
    return spanContext ? extracted : undefined;
  }

  private modeFor(queue: string) {
    const mode = this.config().propagationMode;
    // A fixed mode is returned as it is: the destination is only built for a function to read.
    if (typeof mode !== 'function') return resolvePropagationMode(mode, FIXED_MODE_INFO);
    return resolvePropagationMode(mode, {
      system: 'rabbitmq',
      destination: queue,
      operation: 'process',
    });
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
    const metrics = this.metrics();
    const operation = startMessageOperation(
      this.tracer(),
      metrics,
      deliveryOperation('process', queue, message, peer, this.semconv()),
      this.creationOf(message),
      this.modeFor(queue),
      {
        pathway: this.pipelines()?.incomingFrom(
          message.properties?.headers,
          recordHeadersGetter,
          'rabbitmq',
          queue,
        ),
      },
    );
    const { span } = operation;
    const attributes = operation.metricAttributes();
    if (attributes) {
      metrics.recordConsumed(1, attributes);
      metrics.recordMessageAge(brokerTimestamp(message), attributes);
    }
    if (!span.isRecording() && !attributes) {
      // Nothing to record and no metrics: no hook, no settlement to wait for.
      return { span, context: operation.context, delivery: UNTRACKED };
    }
    if (config.consumerHook) {
      runUserHook('consumerHook', config.consumerHook, span, { queue, message });
    }
    const delivery = new ProcessDelivery(span, operation);
    return { span, context: operation.context, delivery };
  }

  /** Marks a delivery's span failed: its handler threw or rejected. */
  handlerFailed(span: Span, error: unknown): void {
    recordError(span, error);
  }

  /**
   * A `get`: its `receive {queue}` span is made when the answer arrives, starting when the
   * request did, linked to the message's creation context (given at creation). The callback API
   * calls `onSuccess` / `onError` from its callback.
   */
  prepareGet(peer: PeerInfo, queue: string): AmqpCall {
    const startTime = Date.now();
    const startedAt = performance.now();
    const answered = (message: AmqpMessage | false, error: unknown, failed: boolean) => {
      const config = this.config();
      const creation = message ? this.creationOf(message) : undefined;
      const headers = message ? message.properties?.headers : undefined;
      this.pipelines()?.incomingFrom(headers, recordHeadersGetter, 'rabbitmq', queue);
      const operation = startBatchOperation(
        this.tracer(),
        this.metrics(),
        message
          ? deliveryOperation('receive', queue, message, peer, this.semconv())
          : emptyReceiveOperation(queue, peer, this.semconv()),
        message ? [{ creation: creation ? trace.getSpanContext(creation) : undefined }] : [],
        { startTime, startedAt, countMessages: false },
      );
      if (message) {
        runUserHook('consumerHook', config.consumerHook, operation.span, { queue, message });
      }
      const attributes = failed ? operation.fail(error) : operation.end(message ? 1 : undefined);
      if (attributes && message) {
        this.metrics().recordMessageAge(brokerTimestamp(message), attributes);
      }
    };
    return {
      onSuccess: (message) => {
        answered((message as AmqpMessage | false) || false, undefined, false);
      },
      onError: (error) => answered(false, error, true),
    };
  }

  /** Everything `processMessage` needs for one message's `process` span. */
  messageProcessing(message: AmqpMessage, queue: string): MessageProcessing {
    const config = this.config();
    return {
      tracer: this.tracer(),
      metrics: this.metrics(),
      operation: deliveryOperation('process', queue, message, {}, this.semconv()),
      creation: this.creationOf(message),
      mode: this.modeFor(queue),
      // Recorded by the get (or consume) that delivered the message.
      pathway: this.pipelines()?.read(message.properties?.headers, recordHeadersGetter),
      onStart: (span) => {
        if (span.isRecording()) {
          runUserHook('consumerHook', config.consumerHook, span, { queue, message });
        }
      },
    };
  }
}
