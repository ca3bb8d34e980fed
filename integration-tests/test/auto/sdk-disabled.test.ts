import { describe, expect, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe('OTEL_SDK_DISABLED=true', () => {
  const apps = withReceiver();

  it('starts no SDK and exports nothing; the app runs as without the entry', async () => {
    const queue = uniqueName('auto-disabled');
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { QUEUE: queue, OTEL_SDK_DISABLED: 'true' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(0);
    // No SDK, no propagator: nothing is written into the message either.
    expect(JSON.parse(result.stdout)).toEqual({
      value: 'hello',
      headers: ['app'],
      callerHeaders: ['app'],
    });
    expect(apps.receiver().requests).toEqual({});
  });
});
