import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import {
  MESSAGE_AGE_BUCKETS_SECONDS,
  METRIC_MSGTRACE_PATHWAY_CONSUMED,
  METRIC_MSGTRACE_PATHWAY_LATENCY,
  METRIC_MSGTRACE_PATHWAY_PRODUCED,
} from '../semconv.js';

/** The three pipeline instruments, created once per meter. */
export class PathwayMetrics {
  private readonly latency: Histogram;
  private readonly produced: Counter;
  private readonly consumed: Counter;

  constructor(meter: Meter) {
    this.latency = meter.createHistogram(METRIC_MSGTRACE_PATHWAY_LATENCY, {
      description:
        "Time from the start of a message's pathway (its first produce) to the start of its processing.",
      unit: 's',
      advice: { explicitBucketBoundaries: [...MESSAGE_AGE_BUCKETS_SECONDS] },
    });
    this.produced = meter.createCounter(METRIC_MSGTRACE_PATHWAY_PRODUCED, {
      description: 'Messages produced on a pathway edge (into a destination after a given path).',
      unit: '{message}',
    });
    this.consumed = meter.createCounter(METRIC_MSGTRACE_PATHWAY_CONSUMED, {
      description: 'Messages consumed from a pathway edge.',
      unit: '{message}',
    });
  }

  recordProduced(count: number, attributes: Attributes): void {
    this.produced.add(count, attributes);
  }

  /** A consumed message; a negative latency (clock skew between hosts) says nothing: dropped. */
  recordConsumed(latencySeconds: number, attributes: Attributes): void {
    this.consumed.add(1, attributes);
    if (latencySeconds >= 0) this.latency.record(latencySeconds, attributes);
  }
}
