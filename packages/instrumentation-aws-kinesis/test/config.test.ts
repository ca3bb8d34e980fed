import { describe, expect, it } from '@jest/globals';
import { bodyKeyOf, injectionEnabled, readOptionsOf } from '../src/config';
import { kinesisConfigFromEnv } from '../src/env-config';

describe('configuration', () => {
  it('reads records with our key first, then dd-trace’s, leaving foreign keys in place', () => {
    expect(readOptionsOf({})).toEqual({
      key: '_msgtrace',
      foreignKeys: ['_datadog'],
      stripForeignKeys: false,
    });
    expect(
      readOptionsOf({
        bodyKey: '_t',
        foreignBodyKeys: ['_x', 3 as never, ''],
        stripForeignBodyKeys: true,
      }),
    ).toEqual({ key: '_t', foreignKeys: ['_x'], stripForeignKeys: true });
    expect(bodyKeyOf({ bodyKey: '' })).toBe('_msgtrace');
    expect(bodyKeyOf({ bodyKey: 7 as never })).toBe('_msgtrace');
  });

  it('injects unless told not to, globally or per stream; a failing decision means no', () => {
    expect(injectionEnabled({}, 's')).toBe(true);
    expect(injectionEnabled({ injectContext: false }, 's')).toBe(false);
    const perStream = ({ streamName }: { streamName: string | undefined }) => streamName !== 'lake';
    expect(injectionEnabled({ injectContext: perStream }, 'lake')).toBe(false);
    expect(injectionEnabled({ injectContext: perStream }, 'orders')).toBe(true);
    const throwing = () => {
      throw new Error('bug');
    };
    expect(injectionEnabled({ injectContext: throwing }, 'orders')).toBe(false);
    expect(injectionEnabled({ injectContext: 'yes' as never }, 'orders')).toBe(false);
  });
});

describe('kinesisConfigFromEnv', () => {
  it('is empty without variables', () => {
    expect(kinesisConfigFromEnv({})).toEqual({});
  });

  it('turns injection off globally', () => {
    expect(kinesisConfigFromEnv({ MSGTRACE_KINESIS_INJECT: 'false' })).toEqual({
      injectContext: false,
    });
    expect(kinesisConfigFromEnv({ MSGTRACE_KINESIS_INJECT: 'maybe' })).toEqual({});
  });

  it('turns injection off per stream', () => {
    const config = kinesisConfigFromEnv({
      MSGTRACE_KINESIS_NO_INJECT_STREAMS: ' lake , firehose-in',
    });
    expect(injectionEnabled(config, 'lake')).toBe(false);
    expect(injectionEnabled(config, 'firehose-in')).toBe(false);
    expect(injectionEnabled(config, 'orders')).toBe(true);
    expect(injectionEnabled(config, undefined)).toBe(true);
  });

  it('reads the body key and the foreign keys', () => {
    expect(
      kinesisConfigFromEnv({
        MSGTRACE_KINESIS_BODY_KEY: '_trace',
        MSGTRACE_KINESIS_FOREIGN_BODY_KEYS: '_datadog,_other',
        MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS: 'true',
      }),
    ).toEqual({
      bodyKey: '_trace',
      foreignBodyKeys: ['_datadog', '_other'],
      stripForeignBodyKeys: true,
    });
    expect(kinesisConfigFromEnv({ MSGTRACE_KINESIS_FOREIGN_BODY_KEYS: '' })).toEqual({
      foreignBodyKeys: [],
    });
    expect(kinesisConfigFromEnv({ MSGTRACE_KINESIS_STRIP_FOREIGN_BODY_KEYS: 'nah' })).toEqual({});
  });
});
