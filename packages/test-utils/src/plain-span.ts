import type { Attributes, HrTime, SpanKind, SpanStatus } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** A span context reduced to what tests compare. */
export interface PlainSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

export interface PlainLink {
  context: PlainSpanContext;
  attributes: Attributes;
}

export interface PlainEvent {
  name: string;
  attributes: Attributes;
  time: HrTime;
}

/**
 * One finished span as plain data: the same shape whether it was exported in this process or
 * written by a fixture in a child process and read back from JSON.
 */
export interface PlainSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  traceFlags: number;
  /** Absent for a root span. */
  parentSpanId?: string;
  startTime: HrTime;
  endTime: HrTime;
  attributes: Attributes;
  links: PlainLink[];
  events: PlainEvent[];
  status: SpanStatus;
  droppedLinksCount: number;
  instrumentationScope: string;
}

export function toPlainSpan(span: ReadableSpan): PlainSpan {
  const context = span.spanContext();
  const plain: PlainSpan = {
    name: span.name,
    kind: span.kind,
    traceId: context.traceId,
    spanId: context.spanId,
    traceFlags: context.traceFlags,
    startTime: span.startTime,
    endTime: span.endTime,
    attributes: { ...span.attributes },
    links: span.links.map((link) => ({
      context: {
        traceId: link.context.traceId,
        spanId: link.context.spanId,
        traceFlags: link.context.traceFlags,
      },
      attributes: { ...link.attributes },
    })),
    events: span.events.map((event) => ({
      name: event.name,
      attributes: { ...event.attributes },
      time: event.time,
    })),
    status: { ...span.status },
    droppedLinksCount: span.droppedLinksCount,
    instrumentationScope: span.instrumentationScope.name,
  };
  if (span.parentSpanContext) plain.parentSpanId = span.parentSpanContext.spanId;
  return plain;
}
