import type { Attributes, AttributeValue, HrTime, SpanKind } from '@opentelemetry/api';
import type { PlainSpan } from './plain-span.js';

// The subset of the OTLP/JSON trace request (opentelemetry-proto, JSON mapping) read here.
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
}
export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  flags?: number;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: OtlpKeyValue[];
  events?: { name: string; timeUnixNano: string | number; attributes?: OtlpKeyValue[] }[];
  links?: { traceId: string; spanId: string; flags?: number; attributes?: OtlpKeyValue[] }[];
  droppedLinksCount?: number;
  status?: { code?: number; message?: string };
}
export interface OtlpTracesRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[];
  }[];
}

/** A span as an OTLP exporter in another process sent it, with the service that sent it. */
export interface ReceivedSpan extends PlainSpan {
  /** The resource's `service.name`. */
  serviceName: string;
  /** The resource's `telemetry.sdk.version`: which OpenTelemetry SDK line exported the span. */
  sdkVersion: string;
}

function value(any: OtlpAnyValue | undefined): AttributeValue | undefined {
  if (!any) return undefined;
  if (any.stringValue !== undefined) return any.stringValue;
  if (any.boolValue !== undefined) return any.boolValue;
  if (any.intValue !== undefined) return Number(any.intValue);
  if (any.doubleValue !== undefined) return any.doubleValue;
  if (any.arrayValue) {
    return (any.arrayValue.values ?? []).map((v) => value(v)) as AttributeValue;
  }
  return undefined;
}

/** OTLP/JSON key-values as attributes. */
export function attributes(list: OtlpKeyValue[] | undefined): Attributes {
  const out: Attributes = {};
  for (const { key, value: v } of list ?? []) out[key] = value(v);
  return out;
}

function hrTime(nanos: string | number): HrTime {
  const total = BigInt(nanos);
  return [Number(total / 1_000_000_000n), Number(total % 1_000_000_000n)];
}

// OTLP numbers kinds from 1 (INTERNAL); the API from 0.
const kindOf = (kind: number | undefined) => Math.max(0, (kind ?? 1) - 1) as SpanKind;

/** The spans of one OTLP/JSON export request, as plain spans. */
export function fromOtlpJson(request: OtlpTracesRequest): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributes(resourceSpans.resource?.attributes);
    const serviceName = String(resource['service.name'] ?? 'unknown_service');
    const sdkVersion = String(resource['telemetry.sdk.version'] ?? '');
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        const plain: ReceivedSpan = {
          serviceName,
          sdkVersion,
          name: span.name,
          kind: kindOf(span.kind),
          traceId: span.traceId,
          spanId: span.spanId,
          traceFlags: (span.flags ?? 1) & 0xff,
          startTime: hrTime(span.startTimeUnixNano),
          endTime: hrTime(span.endTimeUnixNano),
          attributes: attributes(span.attributes),
          links: (span.links ?? []).map((link) => ({
            context: {
              traceId: link.traceId,
              spanId: link.spanId,
              traceFlags: (link.flags ?? 1) & 0xff,
            },
            attributes: attributes(link.attributes),
          })),
          events: (span.events ?? []).map((event) => ({
            name: event.name,
            attributes: attributes(event.attributes),
            time: hrTime(event.timeUnixNano),
          })),
          status: {
            code: span.status?.code ?? 0,
            ...(span.status?.message ? { message: span.status.message } : {}),
          },
          droppedLinksCount: span.droppedLinksCount ?? 0,
          instrumentationScope: scopeSpans.scope?.name ?? '',
        };
        if (span.parentSpanId) plain.parentSpanId = span.parentSpanId;
        spans.push(plain);
      }
    }
  }
  return spans;
}
