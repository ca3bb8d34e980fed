import type { Attributes } from '@opentelemetry/api';
import { attributes, type OtlpKeyValue } from './otlp-json.js';
import type { PlainHistogram } from './plain-metric.js';

// The subset of the OTLP/JSON metrics request (opentelemetry-proto, JSON mapping) read here:
// sums and histograms, the kinds msgtrace records.
interface OtlpNumberPoint {
  attributes?: OtlpKeyValue[];
  timeUnixNano?: string | number;
  asInt?: string | number;
  asDouble?: number;
}
interface OtlpHistogramPoint {
  attributes?: OtlpKeyValue[];
  timeUnixNano?: string | number;
  count?: string | number;
  sum?: number;
  bucketCounts?: (string | number)[];
  explicitBounds?: number[];
}
interface OtlpMetric {
  name: string;
  unit?: string;
  sum?: { dataPoints?: OtlpNumberPoint[] };
  gauge?: { dataPoints?: OtlpNumberPoint[] };
  histogram?: { dataPoints?: OtlpHistogramPoint[] };
}
export interface OtlpMetricsRequest {
  resourceMetrics?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeMetrics?: { metrics?: OtlpMetric[] }[];
  }[];
}

/** One data point as an OTLP exporter in another process sent it, with its service. */
export interface ReceivedMetricPoint {
  /** The resource's `service.name`. */
  serviceName: string;
  name: string;
  unit: string;
  attributes: Attributes;
  /** A counter's or gauge's value, or a histogram's distribution (cumulative, as exported). */
  value: number | PlainHistogram;
  /** When the point was taken, ns since the epoch: the latest of a stream is its current value. */
  timeUnixNano: bigint;
}

const time = (nanos: string | number | undefined) => BigInt(nanos ?? 0);

/** The data points of one OTLP/JSON metrics export request. */
export function fromOtlpMetricsJson(request: OtlpMetricsRequest): ReceivedMetricPoint[] {
  const points: ReceivedMetricPoint[] = [];
  for (const resourceMetrics of request.resourceMetrics ?? []) {
    const resource = attributes(resourceMetrics.resource?.attributes);
    const serviceName = String(resource['service.name'] ?? 'unknown_service');
    for (const scope of resourceMetrics.scopeMetrics ?? []) {
      for (const metric of scope.metrics ?? []) {
        const base = { serviceName, name: metric.name, unit: metric.unit ?? '' };
        for (const point of [
          ...(metric.sum?.dataPoints ?? []),
          ...(metric.gauge?.dataPoints ?? []),
        ]) {
          points.push({
            ...base,
            attributes: attributes(point.attributes),
            value: Number(point.asInt ?? point.asDouble ?? 0),
            timeUnixNano: time(point.timeUnixNano),
          });
        }
        for (const point of metric.histogram?.dataPoints ?? []) {
          points.push({
            ...base,
            attributes: attributes(point.attributes),
            value: {
              count: Number(point.count ?? 0),
              sum: point.sum ?? 0,
              boundaries: [...(point.explicitBounds ?? [])],
              counts: (point.bucketCounts ?? []).map(Number),
            },
            timeUnixNano: time(point.timeUnixNano),
          });
        }
      }
    }
  }
  return points;
}

/**
 * The current value of every stream (service, metric, attributes): its latest point. Exporters
 * send cumulative values again and again; only the last one counts.
 */
export function latestPoints(points: readonly ReceivedMetricPoint[]): ReceivedMetricPoint[] {
  const latest = new Map<string, ReceivedMetricPoint>();
  for (const point of points) {
    const key = JSON.stringify([
      point.serviceName,
      point.name,
      Object.entries(point.attributes).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
    const seen = latest.get(key);
    if (!seen || seen.timeUnixNano <= point.timeUnixNano) latest.set(key, point);
  }
  return [...latest.values()];
}
