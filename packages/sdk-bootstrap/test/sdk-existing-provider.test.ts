import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { type TracerProvider, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { hasGlobalTracerProvider } from '../src/existing-provider';

describe('hasGlobalTracerProvider', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    trace.disable();
  });

  it('is false while only the API proxy is there, true once a provider is registered', () => {
    trace.disable();
    expect(hasGlobalTracerProvider()).toBe(false);
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    expect(hasGlobalTracerProvider()).toBe(true);
    trace.disable();
    expect(hasGlobalTracerProvider()).toBe(false);
  });

  it('counts a provider that is not the API proxy as registered', () => {
    const provider: TracerProvider = new BasicTracerProvider();
    jest.spyOn(trace, 'getTracerProvider').mockReturnValue(provider);
    expect(hasGlobalTracerProvider()).toBe(true);
  });
});
