import {
  type Attributes,
  createTraceState,
  type HrTime,
  type Link,
  type SpanContext,
  type SpanKind,
  type SpanStatus,
} from '@opentelemetry/api';

/**
 * The part of the SDK's `ReadableSpan` that exporters read, as the SDK (2.x and 3.x) hands it to
 * a span processor's `onEnd`. Declared here so core needs no SDK package at run time.
 */
export interface EndedSpan {
  readonly name: string;
  readonly kind: SpanKind;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext | undefined;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly status: SpanStatus;
  readonly attributes: Attributes;
  readonly links: Link[];
  readonly events: {
    name: string;
    time: HrTime;
    attributes?: Attributes;
    droppedAttributesCount?: number;
  }[];
  readonly duration: HrTime;
  readonly ended: boolean;
  readonly resource: unknown;
  readonly instrumentationScope: { name: string; version?: string; schemaUrl?: string };
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

interface WireContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  traceState?: string;
  isRemote?: boolean;
}

/** An ended span as a structured-cloneable object, what a worker thread posts to the main one. */
export interface WireSpan {
  name: string;
  kind: SpanKind;
  context: WireContext;
  parent?: WireContext;
  startTime: HrTime;
  endTime: HrTime;
  duration: HrTime;
  status: SpanStatus;
  attributes: Attributes;
  links: { context: WireContext; attributes?: Attributes; droppedAttributesCount?: number }[];
  events: EndedSpan['events'];
  scope: EndedSpan['instrumentationScope'];
  dropped: [attributes: number, events: number, links: number];
}

function contextToWire(context: SpanContext): WireContext {
  const wire: WireContext = {
    traceId: context.traceId,
    spanId: context.spanId,
    traceFlags: context.traceFlags,
  };
  const state = context.traceState?.serialize();
  if (state) wire.traceState = state;
  if (context.isRemote) wire.isRemote = true;
  return wire;
}

function contextFromWire(wire: WireContext): SpanContext {
  const { traceState, ...rest } = wire;
  return traceState ? { ...rest, traceState: createTraceState(traceState) } : rest;
}

/** What crosses the thread boundary: plain data only (no resource, no functions). */
export function spanToWire(span: EndedSpan): WireSpan {
  const wire: WireSpan = {
    name: span.name,
    kind: span.kind,
    context: contextToWire(span.spanContext()),
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    status: span.status,
    attributes: span.attributes,
    links: span.links.map((link) => ({
      context: contextToWire(link.context),
      ...(link.attributes ? { attributes: link.attributes } : {}),
      ...(link.droppedAttributesCount
        ? { droppedAttributesCount: link.droppedAttributesCount }
        : {}),
    })),
    events: span.events,
    scope: {
      name: span.instrumentationScope.name,
      ...(span.instrumentationScope.version ? { version: span.instrumentationScope.version } : {}),
      ...(span.instrumentationScope.schemaUrl
        ? { schemaUrl: span.instrumentationScope.schemaUrl }
        : {}),
    },
    dropped: [span.droppedAttributesCount, span.droppedEventsCount, span.droppedLinksCount],
  };
  if (span.parentSpanContext) wire.parent = contextToWire(span.parentSpanContext);
  return wire;
}

function isWireSpan(value: unknown): value is WireSpan {
  const wire = value as Partial<WireSpan> | null;
  return (
    typeof wire === 'object' &&
    wire !== null &&
    typeof wire.name === 'string' &&
    typeof wire.context?.traceId === 'string' &&
    typeof wire.context.spanId === 'string' &&
    Array.isArray(wire.startTime) &&
    Array.isArray(wire.endTime) &&
    Array.isArray(wire.links) &&
    Array.isArray(wire.events) &&
    Array.isArray(wire.dropped)
  );
}

/**
 * The span a worker posted, as a `ReadableSpan` of the receiving thread's `resource`. Anything
 * that is not a span this module wrote yields undefined.
 */
export function spanFromWire(value: unknown, resource: unknown): EndedSpan | undefined {
  if (!isWireSpan(value)) return undefined;
  const context = contextFromWire(value.context);
  const [droppedAttributesCount, droppedEventsCount, droppedLinksCount] = value.dropped;
  return {
    name: value.name,
    kind: value.kind,
    spanContext: () => context,
    ...(value.parent ? { parentSpanContext: contextFromWire(value.parent) } : {}),
    startTime: value.startTime,
    endTime: value.endTime,
    duration: value.duration,
    status: value.status,
    attributes: value.attributes,
    links: value.links.map((link) => ({ ...link, context: contextFromWire(link.context) })),
    events: value.events,
    ended: true,
    resource,
    instrumentationScope: value.scope,
    droppedAttributesCount: droppedAttributesCount ?? 0,
    droppedEventsCount: droppedEventsCount ?? 0,
    droppedLinksCount: droppedLinksCount ?? 0,
  };
}
