import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { setupTestTelemetry } from '@msgtrace/test-utils';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { registerOnce } from '../src/register';

class Noop extends InstrumentationBase {
  constructor() {
    super('noop', '0.0.0', { enabled: false });
  }
  protected init() {
    return [];
  }
}

describe('registerOnce', () => {
  beforeAll(() => {
    // An SDK of the test's own is registered: the bootstrap must leave it alone.
    setupTestTelemetry();
  });
  afterEach(() => {
    delete process.env.MSGTRACE_SAMPLE_ONE_ENABLED;
    delete process.env.MSGTRACE_PROPAGATION_MODE;
  });

  it('creates the instrumentation once, with the options from the environment', () => {
    process.env.MSGTRACE_PROPAGATION_MODE = 'link';
    const create = jest.fn((_config: object): Instrumentation => new Noop());
    registerOnce('sample-one', create);
    registerOnce('sample-one', create);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[0]).toEqual({ propagationMode: 'link' });
  });

  it('skips a disabled instrumentation, and survives one that throws', () => {
    process.env.MSGTRACE_SAMPLE_TWO_ENABLED = 'false';
    const create = jest.fn((): Instrumentation => new Noop());
    registerOnce('sample-two', create);
    expect(create).not.toHaveBeenCalled();
    delete process.env.MSGTRACE_SAMPLE_TWO_ENABLED;
    expect(() =>
      registerOnce('sample-three', () => {
        throw new Error('broken');
      }),
    ).not.toThrow();
  });
});
