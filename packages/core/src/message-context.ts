import {
  type Attributes,
  type Context,
  context,
  ROOT_CONTEXT,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { guard } from './guard.js';
import type { MessagingMetrics } from './metrics.js';
import type { MessagingOperation } from './operation.js';
import type { PathwayRef } from './pipelines/pathway.js';
import { contextCarrier, extractContext, recordGetter } from './propagation.js';
import type { PropagationModeName } from './propagation-mode.js';
import { nonRecordingSpan, runOperation, startMessageOperation } from './started-operation.js';

/**
 * Everything needed to process one message under its own `process` span.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export interface MessageProcessing {
  tracer: Tracer;
  metrics: MessagingMetrics;
  operation: MessagingOperation;
  /** The message's creation context, as its carrier yielded it (undefined: none). */
  creation: Context | undefined;
  mode: PropagationModeName;
  /** Attributes of the link in `link` mode (message id, offset, …). */
  linkAttributes?: Attributes | undefined;
  /**
   * Given for a message no receive or batch counted: it is counted as consumed, and its age
   * (from the broker's timestamp, epoch ms) recorded, as processing starts.
   */
  consumed?: { brokerTimestampMs: number | undefined } | undefined;
  /**
   * The message's pathway (already recorded by whoever read it), for what the work produces to
   * continue.
   */
  pathway?: PathwayRef | undefined;
  /** Called with the span before the user's work runs (consumer hooks, per-message attributes). */
  onStart?: ((span: Span) => void) | undefined;
}

/**
 * Runs `work` in one message's context under a `process` span. Context survives `await` and
 * `Promise.all` because it rides on the async context manager, not on the message. The span ends
 * (and the process duration is recorded) when `work` returns or its promise settles; a throw or
 * rejection marks it and reaches the caller unchanged.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function runInMessageContext<T>(processing: MessageProcessing, work: (span: Span) => T): T {
  const started = guard('process span start', () => {
    const operation = startMessageOperation(
      processing.tracer,
      processing.metrics,
      processing.operation,
      processing.creation,
      processing.mode,
      processing.linkAttributes || processing.pathway
        ? { linkAttributes: processing.linkAttributes, pathway: processing.pathway }
        : {},
    );
    const consumed = processing.consumed;
    const attributes = consumed ? operation.metricAttributes() : undefined;
    if (consumed && attributes) {
      processing.metrics.recordConsumed(1, attributes);
      processing.metrics.recordMessageAge(consumed.brokerTimestampMs, attributes);
    }
    return operation;
  });
  // Starting the span failed (and was reported): the user's work still runs, with a span that
  // records nothing, since it may call span methods.
  if (!started) return work(nonRecordingSpan());
  const { span } = started;
  if (processing.onStart) guard('process span onStart', () => processing.onStart?.(span));
  return runOperation('process span end', started, () => work(span));
}

/**
 * The body of every package's per-message helper (`processMessage`, `processRecord`): `prepare`
 * describes the message, guarded — when it answers undefined (no enabled instrumentation, not a
 * message) or throws (reported once), `work` runs plainly with no span; otherwise it runs under
 * the message's `process` span as {@link runInMessageContext} tells.
 *
 * @internal Shared by the msgtrace broker packages; not an application API.
 */
export function processInMessageContext<T>(
  where: string,
  prepare: () => MessageProcessing | undefined,
  work: (span: Span | undefined) => T,
): T {
  const processing = guard(where, prepare);
  return processing ? runInMessageContext(processing, work) : work(undefined);
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
