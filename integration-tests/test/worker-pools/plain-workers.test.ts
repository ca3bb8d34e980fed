import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe('a plain worker_threads worker with the core helpers', () => {
  const apps = withReceiver();

  it("gets the value unchanged in the caller's trace, and its span arrives though it blocks", async () => {
    const result = await apps.run(fixture('worker-pools/fixtures/plain-worker-app.cjs'), {
      require: [AUTO],
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout.trim());
    const request = onlySpan(result.spans, 'request plain');
    expect(answer).toEqual({
      keys: ['id', 'buffer'],
      bytes: 32,
      traceId: request.traceId,
      detached: true,
    });
    assertSpan(onlySpan(result.spans, 'work plain'), { parent: request });
  });
});
