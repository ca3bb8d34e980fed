import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, uniqueName } from '@msgtrace/test-utils';
import { AUTO, fixture, withReceiver } from '../../src/auto';
import { nodeRunsLine3, ONE_API } from '../../src/sdk-lines';

describe('the SDK line the register entry starts', () => {
  const apps = withReceiver();

  async function sdkMajorWith(line: '2' | '3'): Promise<string> {
    const queue = uniqueName(`otel${line}-register`);
    const result = await apps.run(fixture('rabbitmq/fixtures/publish-and-consume.cjs'), {
      preload: [ONE_API],
      require: [AUTO],
      env: { QUEUE: queue, OTEL_LINE: line },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.sdkStarts).toBe(line === '2' || !nodeRunsLine3() ? 1 : 0);
    const publish = onlySpan(result.spans, `publish ${queue}`);
    assertSpan(onlySpan(result.spans, `process ${queue}`), { parent: publish });
    const majors = new Set(result.spans.map((span) => span.sdkVersion.split('.')[0]));
    expect(majors.size).toBe(1);
    return [...majors][0] ?? '';
  }

  it('is 2.x with the API 1.9 an app on the 2.x line has, on every Node', async () => {
    expect(await sdkMajorWith('2')).toBe('2');
  });

  it(`is ${nodeRunsLine3() ? '3.x' : '2.x'} on Node ${process.versions.node} with API 1.10`, async () => {
    expect(await sdkMajorWith('3')).toBe(nodeRunsLine3() ? '3' : '2');
  });
});
