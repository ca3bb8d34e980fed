import type { Attributes } from '@opentelemetry/api';
import { DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';

export interface PlainHistogram {
  count: number;
  sum: number;
  boundaries: number[];
  counts: number[];
}

export interface PlainDataPoint {
  attributes: Attributes;
  /** A counter's or gauge's value, or a histogram's distribution. */
  value: number | PlainHistogram;
}

/** One metric stream as plain data, comparable across processes like {@link PlainSpan}. */
export interface PlainMetric {
  name: string;
  unit: string;
  description: string;
  type: 'sum' | 'gauge' | 'histogram' | 'other';
  dataPoints: PlainDataPoint[];
}

const TYPES: Partial<Record<DataPointType, PlainMetric['type']>> = {
  [DataPointType.SUM]: 'sum',
  [DataPointType.GAUGE]: 'gauge',
  [DataPointType.HISTOGRAM]: 'histogram',
};

export function toPlainMetrics(resourceMetrics: ResourceMetrics): PlainMetric[] {
  return resourceMetrics.scopeMetrics.flatMap((scope) =>
    scope.metrics.map((metric) => ({
      name: metric.descriptor.name,
      unit: metric.descriptor.unit,
      description: metric.descriptor.description,
      type: TYPES[metric.dataPointType] ?? 'other',
      dataPoints: metric.dataPoints.map((point) => {
        const value = point.value as
          | number
          | { count: number; sum?: number; buckets: { boundaries: number[]; counts: number[] } };
        return {
          attributes: { ...point.attributes },
          value:
            typeof value === 'number'
              ? value
              : {
                  count: value.count,
                  sum: value.sum ?? 0,
                  boundaries: [...value.buckets.boundaries],
                  counts: [...value.buckets.counts],
                },
        };
      }),
    })),
  );
}
