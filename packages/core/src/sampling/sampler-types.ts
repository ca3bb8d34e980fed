import type { Attributes, Context, Link, SpanKind, TraceState } from '@opentelemetry/api';

/**
 * The SDK's `Sampler` and `SamplingResult`, restated so that core depends on no SDK package:
 * instrumentations must not pull the tracing SDK into an app. The shapes are the SDK's
 * (`@opentelemetry/sdk-trace-base` 2.x), so our sampler is accepted wherever the SDK takes one,
 * and the SDK's samplers wherever we take one. `decision` is the SDK's `SamplingDecision`:
 * 0 not recorded, 1 recorded only, 2 recorded and sampled.
 */
export interface SamplingResult {
  decision: 0 | 1 | 2;
  attributes?: Readonly<Attributes>;
  traceState?: TraceState;
}

export interface Sampler {
  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult;
  toString(): string;
}
