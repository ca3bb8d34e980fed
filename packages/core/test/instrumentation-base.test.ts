import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { metrics, trace } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { MessagingInstrumentationConfig } from '../src/config';
import { type LibraryFile, MessagingInstrumentationBase } from '../src/instrumentation-base';
import { MessagingTelemetry, type TelemetrySource, telemetrySlot } from '../src/telemetry';
import { unwrapMethod, wrapMethod } from '../src/wrap';

const app = join(__dirname, 'fixtures', 'instrumented-app.cjs');
const run = (...args: string[]) =>
  JSON.parse(
    execFileSync(process.execPath, [app, ...args], {
      cwd: join(__dirname, 'fixtures'),
      encoding: 'utf8',
    }),
  );

describe('MessagingInstrumentationBase, in a real Node process', () => {
  it('patches a library file as it loads, only in range, and disable/enable toggle it', () => {
    expect(run()).toEqual({
      patched: 'traced sent a',
      outOfRange: 'old',
      restored: 'sent b',
      again: 'traced sent c',
    });
  });

  it('patches a copy that was loaded before it was enabled', () => {
    expect(run('loaded-first')).toMatchObject({ patched: 'traced sent a', restored: 'sent b' });
  });
});

class Probe extends MessagingInstrumentationBase<InstrumentationConfig, { made: number }> {
  patched: object[] = [];
  protected createTelemetry() {
    return { made: Date.now() };
  }
  protected libraryFiles(): LibraryFile<object>[] {
    return [
      {
        module: 'probe-lib',
        file: 'lib/one.js',
        versions: '*',
        patch: (exports) => {
          this.patched.push(exports);
          return exports;
        },
        unpatch: (exports) => {
          this.patched = this.patched.filter((p) => p !== exports);
        },
      },
      {
        module: 'probe-entry',
        file: 'src/index.js',
        versions: '*',
        entryExport: 'Client',
        patch: () => ({ proxied: true }),
        unpatch: () => undefined,
      },
    ];
  }
  exposedMetrics() {
    return this.messagingMetrics;
  }
  exposedTracer() {
    return this.tracer;
  }
  exposedMeter() {
    return this.meter;
  }
}

describe('MessagingInstrumentationBase, the Instrumentation interface', () => {
  it('is enabled on construction unless configured off, and keeps that through setConfig', () => {
    const on = new Probe('probe', '1.0.0', {});
    expect(on.isEnabled()).toBe(true);
    const off = new Probe('probe', '1.0.0', { enabled: false });
    expect(off.isEnabled()).toBe(false);
    off.setConfig({});
    expect(off.getConfig()).toEqual({ enabled: false });
  });

  it('takes tracer and meter providers, and makes metrics anew from a new meter', () => {
    const probe = new Probe('probe', '1.0.0', {});
    expect(probe.exposedTracer()).toBe(probe.exposedTracer());
    const tracer = trace.getTracer('other');
    probe.setTracerProvider({ getTracer: () => tracer });
    expect(probe.exposedTracer()).toBe(tracer);
    const before = probe.exposedMetrics();
    expect(probe.exposedMetrics()).toBe(before);
    const meter = metrics.getMeter('other');
    probe.setMeterProvider({ getMeter: () => meter });
    expect(probe.exposedMeter()).toBe(meter);
    expect(probe.exposedMetrics()).not.toBe(before);
  });
});

describe('MessagingInstrumentationBase, telemetry and manual instrumentation', () => {
  it('makes its telemetry once and publishes it in the slot while enabled', () => {
    const slot = telemetrySlot<{ made: number }>('probe-slot');
    const probe = new Probe('probe-slot', '1.0.0', {});
    expect(probe.telemetry).toBe(probe.telemetry);
    expect(slot.current).toBe(probe.telemetry);
    probe.disable();
    expect(slot.current).toBeUndefined();
    probe.enable();
    expect(slot.current).toBe(probe.telemetry);
    // Another instrumentation of the same package took the slot over: disabling this one
    // leaves the other's telemetry in place.
    const other = new Probe('probe-slot', '1.0.0', {});
    probe.disable();
    expect(slot.current).toBe(other.telemetry);
    other.disable();
  });

  it('instruments a module by file or package name, an entry export in place, and disable() restores it', () => {
    const probe = new Probe('probe-manual', '1.0.0', {});
    const file = {};
    probe.instrumentModule('lib/one.js', file);
    expect(probe.patched).toEqual([file]);
    const entry = { Client: {} };
    probe.instrumentModule('probe-entry', entry);
    expect(entry.Client).toEqual({ proxied: true });
    probe.instrumentModule('nothing-known', {});
    expect(probe.patched).toEqual([file]);
    probe.disable();
    expect(probe.patched).toEqual([]);
  });
});

type ProbeConfig = InstrumentationConfig & MessagingInstrumentationConfig;

class ProbeTelemetry extends MessagingTelemetry<ProbeConfig> {}

class ConventionsProbe extends MessagingInstrumentationBase<ProbeConfig, ProbeTelemetry> {
  protected createTelemetry(source: TelemetrySource<ProbeConfig>) {
    return new ProbeTelemetry(source);
  }
  protected libraryFiles(): LibraryFile<object>[] {
    return [];
  }
}

describe('MessagingInstrumentationBase, the conventions’ names', () => {
  it('resolves them once from the config, and anew when the config changes', () => {
    const probe = new ConventionsProbe('probe-semconv', '1.0.0', {
      semconvStabilityOptIn: 'messaging',
    });
    const { telemetry } = probe;
    expect(telemetry.semconv().names.system).toBe('messaging.system.name');
    expect(telemetry.semconv()).toBe(telemetry.semconv());
    expect(telemetry.config().semconvStabilityOptIn).toBe('messaging');
    probe.setConfig({ semconvStabilityOptIn: 'messaging/dup' });
    expect(telemetry.semconv().duplicate?.system).toBe('messaging.system');
    probe.setConfig({ semconvStabilityOptIn: 'default' });
    expect(telemetry.semconv().names.system).toBe('messaging.system');
    probe.disable();
  });
});

describe('MessagingInstrumentationBase, pipelines', () => {
  it('are off unless the config turns them on (opt-in), and follow setConfig', () => {
    const probe = new ConventionsProbe('probe-pipelines', '1.0.0', {});
    const { telemetry } = probe;
    expect(telemetry.pipelines()).toBeUndefined();
    probe.setConfig({ pipelines: { maxPathways: 20 } });
    expect(telemetry.pipelines()).toBeUndefined();
    probe.setConfig({ pipelines: { enabled: true } });
    expect(telemetry.pipelines()).toBeDefined();
    expect(telemetry.pipelines()).toBe(telemetry.pipelines());
    probe.setConfig({ pipelines: { enabled: false } });
    expect(telemetry.pipelines()).toBeUndefined();
    probe.disable();
  });
});

describe('wrapMethod', () => {
  it('wraps once, marks the wrapper like shimmer, and unwraps', () => {
    const target = { greet: (name: string) => `hi ${name}` };
    const original = target.greet;
    wrapMethod(target, 'greet', (o) => (name: string) => `${o(name)}!`);
    wrapMethod(target, 'greet', (o) => (name: string) => `${o(name)}?`);
    expect(target.greet('a')).toBe('hi a!');
    expect((target.greet as unknown as { __original: unknown }).__original).toBe(original);
    unwrapMethod(target, 'greet');
    expect(target.greet).toBe(original);
    unwrapMethod(target, 'greet');
    expect(target.greet).toBe(original);
  });

  it('ignores what is not a function', () => {
    const target = { value: 1 } as { value: unknown };
    wrapMethod(target, 'value', () => 2);
    expect(target.value).toBe(1);
  });
});
