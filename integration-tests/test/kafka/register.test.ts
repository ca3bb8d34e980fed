import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { assertSpan, onlySpan, runFixture, uniqueName } from '@msgtrace/test-utils';
import { kafkaRoundTripCheck } from '../../src/kafka-round-trip';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const REGISTER = '@msgtrace/instrumentation-kafkajs/register';
const fixtures = join(__dirname, 'fixtures');
// What each fixture sends, and the client id it sets.
const APPS = {
  cjs: { value: 'hello', clientId: 'fixture-app' },
  esm: { value: 'hello from esm', clientId: 'fixture-esm' },
};

const expectTracedRoundTrip = kafkaRoundTripCheck(APPS);

describe('the register entry, in a real Node process', () => {
  itInstrumentsThroughTheRegisterEntry({
    entry: REGISTER,
    fixtures,
    cjs: 'send-and-consume.cjs',
    esm: 'send-and-consume.mjs',
    destination: uniqueName,
    env: (topic, extra) => ({ TOPIC: topic, ...extra }),
    lowest: { library: 'kafkajs', version: '2.0.0', variable: 'KAFKAJS_MODULE' },
    expectTracedRoundTrip,
    producerSpan: (topic) => `send ${topic}`,
  });

  it('takes the propagation mode from the environment', async () => {
    const topic = uniqueName('register-link');
    const result = await runFixture(join(fixtures, 'send-and-consume.cjs'), {
      require: [REGISTER],
      env: { TOPIC: topic, MSGTRACE_LINK_DESTINATIONS: topic },
    });
    expect(result.code).toBe(0);
    const send = onlySpan(result.spans, `send ${topic}`);
    assertSpan(onlySpan(result.spans, `process ${topic}`), { parent: null, links: [{ to: send }] });
  });
});
