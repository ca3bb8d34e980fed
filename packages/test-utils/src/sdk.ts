import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  ParentBasedSampler,
  type Sampler,
  type SpanLimits,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** A reader that only collects when asked: tests decide when metrics are read. */
export class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export type SamplerName = 'always_on' | 'always_off' | 'parentbased_always_on';

export function samplerFor(name: SamplerName = 'always_on'): Sampler {
  switch (name) {
    case 'always_off':
      return new AlwaysOffSampler();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    default:
      return new AlwaysOnSampler();
  }
}

export interface GlobalSdkOptions {
  spanProcessors: SpanProcessor[];
  sampler?: Sampler;
  spanLimits?: SpanLimits;
}

export interface GlobalSdk {
  tracerProvider: BasicTracerProvider;
  meterProvider: MeterProvider;
  metricReader: OnDemandMetricReader;
  /** Unregisters every global this set up, so the next setup starts clean. */
  shutdown(): Promise<void>;
}

/**
 * Registers a tracer provider, a meter provider, an AsyncLocalStorage context manager and the W3C
 * propagators as the OpenTelemetry globals: what an application's SDK set-up would do.
 */
export function registerGlobalSdk(options: GlobalSdkOptions): GlobalSdk {
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: options.spanProcessors,
    sampler: options.sampler ?? samplerFor('always_on'),
    ...(options.spanLimits ? { spanLimits: options.spanLimits } : {}),
  });
  const metricReader = new OnDemandMetricReader();
  const meterProvider = new MeterProvider({ readers: [metricReader] });

  trace.disable();
  context.disable();
  propagation.disable();
  metrics.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);

  return {
    tracerProvider,
    meterProvider,
    metricReader,
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      metrics.disable();
    },
  };
}
