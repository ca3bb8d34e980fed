import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { metrics, trace } from '@opentelemetry/api';
import { MessagingInstrumentationBase } from '../src/instrumentation-base';
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

class Probe extends MessagingInstrumentationBase {
  protected libraryFiles() {
    return [];
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
