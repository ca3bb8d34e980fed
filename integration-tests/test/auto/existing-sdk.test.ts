import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, runFixture, uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';

describe("an app's own SDK, registered before the entry loads", () => {
  const apps = withReceiver();

  it('wins: the entry starts no SDK and its spans go to the app SDK', async () => {
    const queue = uniqueName('auto-existing');
    // The test preload stands in for the app's SDK: it registers first and writes spans to a file.
    const result = await runFixture(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      require: [AUTO],
      env: { QUEUE: queue, ...apps.receiver().exporterEnv() },
    });
    expect(result.code).toBe(0);
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), { parent: publish });
    expect(apps.receiver().spans()).toEqual([]);
    expect(apps.receiver().requests).toEqual({});
  });
});
