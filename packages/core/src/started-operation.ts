import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  type Span,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type MessagingMetrics, metricAttributesOf } from './metrics.js';
import type { MessagingOperation } from './operation.js';
import type { PropagationModeName } from './propagation-mode.js';
import { ATTR_ERROR_TYPE, MESSAGING_OPERATION_TYPE } from './semconv.js';
import { runSettled } from './settle.js';
import {
  type BatchMessage,
  errorTypeOf,
  type OperationSpanOptions,
  recordError,
  type StartedSpan,
  type StartSpanOptions,
  startBatchSpan,
  startMessageSpan,
  startOperationSpan,
} from './spans.js';

/**
 * When the operation really began, for operations whose span starts after the request did.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface OperationTiming {
  /** `performance.now()` when the operation began; default: now. Used for the duration metric. */
  startedAt?: number | undefined;
}

/**
 * One messaging operation from its span's start to its end: every broker package starts one
 * through {@link startOperation} (or its batch and per-message variants) and ends it with
 * {@link StartedOperation.end} or {@link StartedOperation.fail}, which end the span and record
 * the operation's count and duration with the right metric for its type.
 *
 * Cheap when nothing records: without a MeterProvider no clock is read and no metric attributes
 * are built; an unsampled span costs what the tracer makes it cost, and no closure is made.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export class StartedOperation implements StartedSpan {
  readonly span: Span;
  readonly context: Context;
  private readonly startedAt: number;
  private attributes: Attributes | undefined;

  constructor(
    readonly operation: MessagingOperation,
    started: StartedSpan,
    private readonly metrics: MessagingMetrics,
    timing?: OperationTiming,
  ) {
    this.span = started.span;
    this.context = started.context;
    this.startedAt = metrics.enabled ? (timing?.startedAt ?? performance.now()) : 0;
  }

  /**
   * Whether ending the operation does anything: its span records, or metrics are on. When not
   * (an unsampled span without a MeterProvider), callers skip observing the call's outcome.
   */
  get observed(): boolean {
    return this.metrics.enabled || this.span.isRecording();
  }

  /**
   * The operation's metric attributes, built once, for metrics recorded besides the ones `end`
   * records (consumed messages and their age at a process span's start, per-entry failures);
   * undefined when metrics are off, so callers skip the work.
   */
  metricAttributes(): Attributes | undefined {
    if (!this.metrics.enabled) return undefined;
    this.attributes ??= metricAttributesOf(this.operation);
    return this.attributes;
  }

  /**
   * Ends a successful operation: the span, then `count` messages sent (send, create) or consumed
   * (receive, process) and the duration. Returns the metric attributes used, for further records.
   */
  end(count?: number): Attributes | undefined {
    this.span.end();
    const attributes = this.metricAttributes();
    if (attributes) this.record(attributes, count);
    return attributes;
  }

  /**
   * Ends a failed operation: `error` on the span (exception, status, `error.type`) and on the
   * metrics. Anything thrown counts, `undefined` included.
   */
  fail(error: unknown, count?: number): Attributes | undefined {
    recordError(this.span, error ?? new Error(`${String(error)} was thrown`));
    this.span.end();
    let attributes = this.metricAttributes();
    if (attributes) {
      attributes = { ...attributes, [ATTR_ERROR_TYPE]: errorTypeOf(error) };
      this.record(attributes, count);
    }
    return attributes;
  }

  private record(attributes: Attributes, count: number | undefined): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    switch (this.operation.type) {
      case MESSAGING_OPERATION_TYPE.SEND:
      case MESSAGING_OPERATION_TYPE.CREATE:
        if (count !== undefined) this.metrics.recordSent(count, attributes);
        this.metrics.recordOperationDuration(seconds, attributes);
        return;
      case MESSAGING_OPERATION_TYPE.PROCESS:
        if (count !== undefined) this.metrics.recordConsumed(count, attributes);
        this.metrics.recordProcessDuration(seconds, attributes);
        return;
      case MESSAGING_OPERATION_TYPE.RECEIVE:
        if (count !== undefined) this.metrics.recordConsumed(count, attributes);
        this.metrics.recordOperationDuration(seconds, attributes);
        return;
      default:
        this.metrics.recordOperationDuration(seconds, attributes);
    }
  }
}

/**
 * A send, create or settle operation: see {@link startOperationSpan}.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startOperation(
  tracer: Tracer,
  metrics: MessagingMetrics,
  operation: MessagingOperation,
  options: OperationSpanOptions & OperationTiming = {},
): StartedOperation {
  return new StartedOperation(
    operation,
    startOperationSpan(tracer, operation, options),
    metrics,
    options,
  );
}

/**
 * A batch or pull linking to every message's creation context: see {@link startBatchSpan}.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startBatchOperation(
  tracer: Tracer,
  metrics: MessagingMetrics,
  operation: MessagingOperation,
  messages: readonly BatchMessage[],
  options: StartSpanOptions & OperationTiming & { maxLinks?: number; countMessages?: boolean } = {},
): StartedOperation {
  return new StartedOperation(
    operation,
    startBatchSpan(tracer, operation, messages, options),
    metrics,
    options,
  );
}

/**
 * One message's `process` operation, child or link: see {@link startMessageSpan}.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function startMessageOperation(
  tracer: Tracer,
  metrics: MessagingMetrics,
  operation: MessagingOperation,
  creation: Context | undefined,
  mode: PropagationModeName,
  options: StartSpanOptions & { linkAttributes?: Attributes | undefined } = {},
): StartedOperation {
  return new StartedOperation(
    operation,
    startMessageSpan(tracer, operation, creation, mode, options),
    metrics,
  );
}

/**
 * Runs `work` in the operation's context and ends the operation when `work` returns, throws or
 * its promise settles: a throw or rejection (even of `undefined`) fails it and reaches the caller
 * unchanged. `count` is what `end` records (messages a batch handler consumed, …).
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function runOperation<T>(
  where: string,
  operation: StartedOperation,
  work: () => T,
  count?: number,
): T {
  // Nothing to end or record: the work runs in the span's context, its result unobserved (no
  // promise chained onto it) — the unsampled hot path.
  if (!operation.observed) return context.with(operation.context, work);
  return runSettled(where, operation.context, work, (error, failed) => {
    if (failed) operation.fail(error, count);
    else operation.end(count);
  });
}

/**
 * A span that records nothing, for user work whose instrumentation failed to start.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function nonRecordingSpan(): Span {
  return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
}
