import { type TracerProvider, trace } from '@opentelemetry/api';

interface ProxyLike {
  getDelegateTracer(name: string): unknown;
}

function isProxy(provider: TracerProvider): provider is TracerProvider & ProxyLike {
  return typeof (provider as Partial<ProxyLike>).getDelegateTracer === 'function';
}

/**
 * Whether someone (the app's own SDK, a vendor agent, a test harness) already registered a global
 * TracerProvider. The API hands out a ProxyTracerProvider either way; only a registered one has a
 * delegate, and `getDelegateTracer` is its public way to say so (instanceof would fail across two
 * installed copies of the API).
 */
export function hasGlobalTracerProvider(): boolean {
  const provider = trace.getTracerProvider();
  if (!isProxy(provider)) return true;
  return provider.getDelegateTracer('msgtrace-probe') !== undefined;
}
