import { describe, expect, it } from '@jest/globals';
import { messagingConfigFromEnv } from '../src/env-config';
import { resolvePropagationMode } from '../src/propagation-mode';

const modeFor = (env: NodeJS.ProcessEnv, destination: string) =>
  resolvePropagationMode(messagingConfigFromEnv(env).propagationMode, {
    system: 'kafka',
    destination,
    operation: 'process',
  });

describe('messagingConfigFromEnv', () => {
  it('sets nothing when nothing is set', () => {
    expect(messagingConfigFromEnv({})).toEqual({});
  });

  it('reads a global mode and per-destination exceptions', () => {
    expect(modeFor({ MSGTRACE_PROPAGATION_MODE: 'link' }, 'orders')).toBe('link');
    const env = { MSGTRACE_LINK_DESTINATIONS: 'audit, events', MSGTRACE_CHILD_DESTINATIONS: 'x' };
    expect(modeFor(env, 'audit')).toBe('link');
    expect(modeFor(env, 'events')).toBe('link');
    expect(modeFor(env, 'orders')).toBe('child');
    expect(modeFor({ ...env, MSGTRACE_PROPAGATION_MODE: 'LINK' }, 'x')).toBe('child');
  });

  it('reads the flags, and ignores values that are not booleans', () => {
    expect(
      messagingConfigFromEnv({
        MSGTRACE_CAPTURE_MESSAGE_KEY: 'true',
        MSGTRACE_CREATE_SPAN_PER_MESSAGE: '0',
      }),
    ).toEqual({ captureMessageKey: true, createSpanPerMessage: false });
    expect(messagingConfigFromEnv({ MSGTRACE_CAPTURE_MESSAGE_KEY: 'yes please' })).toEqual({});
  });

  it('ignores a mode that is neither child nor link', () => {
    expect(messagingConfigFromEnv({ MSGTRACE_PROPAGATION_MODE: 'sideways' })).toEqual({});
  });

  it('reads the pipelines switch (opt-in) and cap; the SDK disabled keeps pipelines off', () => {
    // Unset: no pipelines config at all, so the default (off) applies.
    expect(messagingConfigFromEnv({}).pipelines).toBeUndefined();
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES: 'true' })).toEqual({
      pipelines: { enabled: true },
    });
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES: '1' })).toEqual({
      pipelines: { enabled: true },
    });
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES: 'false' })).toEqual({
      pipelines: { enabled: false },
    });
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES: 'maybe' })).toEqual({});
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES_MAX_PATHWAYS: ' 20 ' })).toEqual({
      pipelines: { maxPathways: 20 },
    });
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES_MAX_PATHWAYS: '-1' })).toEqual({});
    expect(messagingConfigFromEnv({ MSGTRACE_PIPELINES_MAX_PATHWAYS: 'many' })).toEqual({});
    expect(messagingConfigFromEnv({ OTEL_SDK_DISABLED: 'TRUE' })).toEqual({
      pipelines: { enabled: false },
    });
    expect(
      messagingConfigFromEnv({ OTEL_SDK_DISABLED: 'true', MSGTRACE_PIPELINES: 'true' }),
    ).toEqual({ pipelines: { enabled: false } });
  });
});
