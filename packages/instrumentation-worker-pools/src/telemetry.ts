import { carryContext, contextFromCarrier, MessagingTelemetry, recordError } from '@msgtrace/core';
import { type Context, context, type Span, SpanKind, trace } from '@opentelemetry/api';
import type { CarriedTask, PoolLibrary, TaskDescription } from './describe.js';
import type { WorkerPoolsInstrumentationConfig } from './types.js';

/** A task span started in a worker, with the context the task's code runs in. */
export interface StartedTask {
  span: Span;
  context: Context;
}

/** What spans a task makes: nothing in the caller's thread, one INTERNAL span in the worker. */
export class TaskTelemetry extends MessagingTelemetry<WorkerPoolsInstrumentationConfig> {
  /**
   * The caller's side, at `run()`: the context to carry, or undefined when no span is active
   * (then the pool is called exactly as without msgtrace, and the worker makes no span).
   */
  carry(pool: PoolLibrary, active: Context = context.active()): CarriedTask | undefined {
    if (!trace.getSpanContext(active)) return undefined;
    return { carrier: carryContext(active), pool };
  }

  /** The worker's side: the task span under the carried context, if one came across. */
  startTask(task: TaskDescription): StartedTask | undefined {
    const parent = contextFromCarrier(task.carrier);
    if (!trace.getSpanContext(parent)) return undefined;
    const span = this.tracer().startSpan(
      task.spanName,
      { kind: SpanKind.INTERNAL, attributes: task.attributes },
      parent,
    );
    return { span, context: trace.setSpan(parent, span) };
  }

  /** Ends a task span as the pool reports the task's end: what the worker threw is recorded. */
  endTask(span: Span, error: unknown): void {
    if (error !== undefined) recordError(span, error);
    span.end();
  }
}
