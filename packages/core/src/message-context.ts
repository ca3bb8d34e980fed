import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  type Span,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { guard } from './guard.js';
import { type MessagingMetrics, metricAttributesOf, secondsSince } from './metrics.js';
import type { MessagingOperation } from './operation.js';
import { contextCarrier, extractContext, recordGetter } from './propagation.js';
import type { PropagationModeName } from './propagation-mode.js';
import { ATTR_ERROR_TYPE } from './semconv.js';
import { runSettled } from './settle.js';
import { errorTypeOf, recordError, startMessageSpan } from './spans.js';

/** Everything needed to process one message under its own `process` span. */
export interface MessageProcessing {
  tracer: Tracer;
  operation: MessagingOperation;
  /** The message's creation context, as its carrier yielded it (undefined: none). */
  creation: Context | undefined;
  mode: PropagationModeName;
  /** Attributes of the link in `link` mode (message id, offset, …). */
  linkAttributes?: Attributes;
  /** When given, the process duration is recorded. */
  metrics?: MessagingMetrics;
  /** The operation's metric attributes, when the caller already built them. */
  metricAttributes?: Attributes;
  /** Called with the span before the user's work runs (consumer hooks, per-message attributes). */
  onStart?: (span: Span) => void;
}

/**
 * Runs `work` in one message's context under a `process` span, the basis of every package's
 * per-message helper (`processMessage`, `processRecord`). Context survives `await` and
 * `Promise.all` because it rides on the async context manager, not on the message. The span ends
 * when `work` returns or its promise settles; a throw or rejection marks it and reaches the
 * caller unchanged.
 */
export function runInMessageContext<T>(processing: MessageProcessing, work: (span: Span) => T): T {
  const started = guard('process span start', () =>
    startMessageSpan(
      processing.tracer,
      processing.operation,
      processing.creation,
      processing.mode,
      {
        ...(processing.linkAttributes ? { linkAttributes: processing.linkAttributes } : {}),
      },
    ),
  );
  // Starting the span failed (and was reported): the user's work still runs, with a span that
  // records nothing, since it may call span methods.
  if (!started) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const { span } = started;
  const startedAt = performance.now();
  if (processing.onStart) guard('process span onStart', () => processing.onStart?.(span));

  return runSettled(
    'process span end',
    started.context,
    () => work(span),
    (error, failed) => {
      if (failed) recordError(span, error ?? new Error(`${String(error)} was thrown`));
      span.end();
      if (processing.metrics?.enabled) {
        let attributes = processing.metricAttributes ?? metricAttributesOf(processing.operation);
        if (failed) attributes = { ...attributes, [ATTR_ERROR_TYPE]: errorTypeOf(error) };
        processing.metrics.recordProcessDuration(secondsSince(startedAt), attributes);
      }
    },
  );
}

/**
 * A message's (or any) context as a plain, structured-cloneable object: hand it to a
 * `worker_threads` worker with `postMessage` or `workerData`, and resume it there with
 * {@link contextFromCarrier}. The global propagator decides what travels.
 */
export function carryContext(ctx: Context = context.active()): Record<string, string> {
  return contextCarrier(ctx);
}

/**
 * The context {@link carryContext} carried, in the worker (whose own SDK and propagator must be
 * set up, as in any thread that makes spans). Garbage yields the root context.
 */
export function contextFromCarrier(carrier: unknown): Context {
  if (!carrier || typeof carrier !== 'object') return ROOT_CONTEXT;
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(carrier)) {
    if (typeof value === 'string') strings[key] = value;
  }
  return extractContext(strings, recordGetter, ROOT_CONTEXT).context;
}

/** Runs `work` in the context carried from another thread. */
export function runInCarriedContext<T>(carrier: unknown, work: () => T): T {
  return context.with(contextFromCarrier(carrier), work);
}
