import { isSpanContextValid, type SpanContext, TraceFlags } from '@opentelemetry/api';

/** Name of the SQS system attribute X-Ray reads; it does not count against the 10 message attributes. */
export const AWS_TRACE_HEADER = 'AWSTraceHeader';

// A real header is about 80 characters (a few hundred with Lineage); the cap keeps a hostile
// attribute from costing a split over megabytes.
const XRAY_TRACE_HEADER_MAX_LENGTH = 2048;

const ROOT_RE = /^1-([0-9a-fA-F]{8})-([0-9a-fA-F]{24})$/;
const PARENT_RE = /^[0-9a-fA-F]{16}$/;

/**
 * Renders a span context as an X-Ray trace header, the only format SQS accepts in the
 * `AWSTraceHeader` system attribute. The OpenTelemetry trace id is split as X-Ray expects
 * (version 1, 8 hex digits, 24 hex digits); X-Ray's own backend may reject trace ids whose first
 * 8 digits are not a recent epoch timestamp, but the header still carries the context intact to
 * any consumer that parses it.
 */
export function formatXRayTraceHeader(spanContext: SpanContext): string {
  const { traceId, spanId } = spanContext;
  const sampled = (spanContext.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? 1 : 0;
  return `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8, 32)};Parent=${spanId};Sampled=${sampled}`;
}

/**
 * Reads an X-Ray trace header (as found in a received message's `AWSTraceHeader`) into a remote
 * span context. The value comes off the wire, so anything unexpected yields `undefined` rather
 * than an exception: non-strings, strings over 2048 characters, a missing or malformed Root or
 * Parent, a Sampled value other than `1`, `0` or `?`, and all-zero ids.
 *
 * Keys are case-sensitive, as X-Ray writes them; keys other than Root, Parent and Sampled (Self,
 * Lineage, future ones) are ignored. A header that repeats Root, Parent or Sampled is rejected:
 * two values for the same field mean the header was tampered with or concatenated, and picking
 * either would be a guess.
 */
export function parseXRayTraceHeader(value: unknown): SpanContext | undefined {
  if (typeof value !== 'string' || value.length > XRAY_TRACE_HEADER_MAX_LENGTH) return undefined;
  let root: string | undefined;
  let parent: string | undefined;
  let sampled: string | undefined;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    // A segment without '=' carries no field we read; an empty one is just a trailing ';'.
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const val = eq < 0 ? undefined : part.slice(eq + 1).trim();
    if (key === 'Root') {
      if (root !== undefined || val === undefined) return undefined;
      root = val;
    } else if (key === 'Parent') {
      if (parent !== undefined || val === undefined) return undefined;
      parent = val;
    } else if (key === 'Sampled') {
      if (sampled !== undefined || val === undefined) return undefined;
      sampled = val;
    }
  }
  if (root === undefined || parent === undefined) return undefined;
  const rootMatch = ROOT_RE.exec(root);
  if (rootMatch === null || !PARENT_RE.test(parent)) return undefined;
  // '?' (decision deferred downstream) has no OpenTelemetry equivalent; only an explicit 1 claims
  // that the producer sampled.
  const notSampled = sampled === undefined || sampled === '0' || sampled === '?';
  if (!notSampled && sampled !== '1') return undefined;
  const spanContext: SpanContext = {
    traceId: `${rootMatch[1]}${rootMatch[2]}`.toLowerCase(),
    spanId: parent.toLowerCase(),
    traceFlags: notSampled ? TraceFlags.NONE : TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}
