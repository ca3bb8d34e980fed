import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { metrics, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { ExitTarget } from '../src/exit-hooks';
import { type SdkBootstrapOptions, startSdkOnce } from '../src/start-sdk';

// What startSdkOnce shares across copies of the package: reset between tests.
const STATE = Symbol.for('msgtrace.sdk-bootstrap.state');

class FakeProcess extends EventEmitter {
  pid = 1;
  kill = jest.fn();
  exit = jest.fn();
}

function fakeSdk() {
  const sdk = { start: jest.fn(), shutdown: jest.fn(async () => {}) };
  const load: NonNullable<SdkBootstrapOptions['load']> = () => ({
    NodeSDK: jest.fn(() => sdk) as unknown as new () => typeof sdk,
  });
  return { sdk, load };
}

const holder = globalThis as Record<symbol, { outcome?: unknown } | undefined>;
/** As if no copy had started the SDK yet, while the one warning stays given. */
const forgetOutcome = () => {
  const state = holder[STATE];
  if (state) state.outcome = undefined;
};

describe('startSdkOnce', () => {
  let warning: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    delete holder[STATE];
    trace.disable();
    warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });
  afterEach(() => {
    jest.restoreAllMocks();
    trace.disable();
    metrics.disable();
  });

  it('starts the SDK once per process and installs the exit hooks', async () => {
    const { sdk, load } = fakeSdk();
    const target = new FakeProcess();
    const options = { env: {}, load, target: target as unknown as ExitTarget };
    expect(startSdkOnce(options)).toBe('started');
    expect(startSdkOnce(options)).toBe('started');
    expect(sdk.start).toHaveBeenCalledTimes(1);
    target.emit('beforeExit');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sdk.shutdown).toHaveBeenCalledTimes(1);
  });

  it('loads the line this runtime allows, or the one asked for', () => {
    const lines: string[] = [];
    const { load } = fakeSdk();
    const recording: NonNullable<SdkBootstrapOptions['load']> = (line) => {
      lines.push(line);
      return load(line);
    };
    const target = new FakeProcess() as unknown as ExitTarget;
    expect(startSdkOnce({ env: {}, load: recording, target })).toBe('started');
    forgetOutcome();
    trace.disable();
    expect(startSdkOnce({ env: {}, line: '3.x', load: recording, target })).toBe('started');
    // This workspace's own API is 1.9, which 3.x does not accept: 2.x on every Node.
    expect(lines).toEqual(['2.x', '3.x']);
  });

  it('gives the SDK our link-aware sampler when OTEL_TRACES_SAMPLER names it, and nothing otherwise', () => {
    const { sdk } = fakeSdk();
    const NodeSDK = jest.fn((_config?: unknown) => sdk);
    const load = () => ({ NodeSDK: NodeSDK as unknown as new () => typeof sdk });
    const env = {
      OTEL_TRACES_SAMPLER: 'parentbased_links_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.3',
    };
    expect(startSdkOnce({ env, load, target: new FakeProcess() as unknown as ExitTarget })).toBe(
      'started',
    );
    const config = NodeSDK.mock.calls[0]?.[0] as { sampler?: unknown } | undefined;
    expect(String(config?.sampler)).toBe('ParentBasedLinksSampler{root=ratio(0.3)}');
    forgetOutcome();
    startSdkOnce({
      env: { OTEL_TRACES_SAMPLER: 'always_on' },
      load,
      target: new FakeProcess() as unknown as ExitTarget,
    });
    expect(NodeSDK.mock.calls[1]?.[0]).toBeUndefined();
  });

  it('leaves an SDK that is already registered alone', () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const { sdk, load } = fakeSdk();
    expect(startSdkOnce({ env: {}, load })).toBe('existing-provider');
    expect(sdk.start).not.toHaveBeenCalled();
  });

  it('honours OTEL_SDK_DISABLED and MSGTRACE_START_SDK', () => {
    const { sdk, load } = fakeSdk();
    expect(startSdkOnce({ env: { OTEL_SDK_DISABLED: 'true' }, load })).toBe('disabled');
    forgetOutcome();
    expect(startSdkOnce({ env: { MSGTRACE_START_SDK: 'false' }, load })).toBe('not-requested');
    expect(sdk.start).not.toHaveBeenCalled();
  });

  it('never throws: a failing start is one warning, and the app goes on', () => {
    const load = () => {
      throw new Error('no such package');
    };
    expect(startSdkOnce({ env: {}, load })).toBe('failed');
    forgetOutcome();
    expect(startSdkOnce({ env: {}, load })).toBe('failed');
    expect(warning).toHaveBeenCalledTimes(1);
    expect(String(warning.mock.calls[0]?.[0])).toContain('no such package');
  });

  it('warns when a flush at a signal runs out of time', async () => {
    const sdk = { start: jest.fn(), shutdown: () => new Promise<void>(() => {}) };
    const target = new FakeProcess();
    startSdkOnce({
      env: { MSGTRACE_SHUTDOWN_TIMEOUT_MS: '10' },
      load: () => ({ NodeSDK: jest.fn(() => sdk) as unknown as new () => typeof sdk }),
      target: target as unknown as ExitTarget,
    });
    target.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(String(warning.mock.calls[0]?.[0])).toContain('shutdown on SIGTERM took over 10 ms');
    expect(target.kill).toHaveBeenCalledWith(1, 'SIGTERM');
  });

  it('starts the real Node SDK from OTEL_* variables, and flushes the globals on a handled signal', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      OTEL_TRACES_EXPORTER: 'console',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_NODE_RESOURCE_DETECTORS: 'none',
    });
    const target = new FakeProcess();
    try {
      expect(startSdkOnce({ target: target as unknown as ExitTarget })).toBe('started');
      const provider = trace.getTracerProvider() as unknown as {
        getDelegate(): { forceFlush(): Promise<void> };
      };
      const flush = jest.spyOn(provider.getDelegate(), 'forceFlush');
      target.on('SIGTERM', () => {});
      target.emit('SIGTERM', 'SIGTERM');
      await new Promise((resolve) => setImmediate(resolve));
      expect(flush).toHaveBeenCalled();
      target.emit('beforeExit');
    } finally {
      process.env = saved;
    }
  });
});
