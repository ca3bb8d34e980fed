import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';

/**
 * A tracer provider's sampler is fixed when the provider is made; suites that compare samplers on
 * one set of instrumented clients switch the sampler this one delegates to.
 */
export class SwitchableSampler implements Sampler {
  constructor(private current: Sampler) {}

  use(sampler: Sampler): void {
    this.current = sampler;
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    return this.current.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return this.current.toString();
  }
}
