import { describe, expect, it } from '@jest/globals';
import { spansNamed } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

const app = fixture('auto/fixtures/idle-until-signal.cjs');

describe('SIGTERM', () => {
  const apps = withReceiver();

  it('with no handler of the app: flushes, then the process dies of the signal as before', async () => {
    const result = await apps.run(app, {
      require: [AUTO],
      // A long batch delay: only the shutdown on SIGTERM can have exported the span.
      env: { OTEL_BSP_SCHEDULE_DELAY: '60000' },
      onReady: (pid) => process.kill(pid, 'SIGTERM'),
    });
    expect(result.signal).toBe('SIGTERM');
    expect(spansNamed(result.spans, 'before signal')).toHaveLength(1);
  });

  it('handled by the app: the app decides how it ends, and its last spans are flushed', async () => {
    const result = await apps.run(app, {
      require: [AUTO],
      env: { OTEL_BSP_SCHEDULE_DELAY: '60000', APP_HANDLES_SIGTERM: '1' },
      onReady: (pid) => process.kill(pid, 'SIGTERM'),
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(7);
    expect(spansNamed(result.spans, 'before signal')).toHaveLength(1);
    expect(spansNamed(result.spans, 'app shutdown')).toHaveLength(1);
  });
});
