import { describe } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { CONFLUENT_REGISTER, fixtures } from '../../src/confluent';
import { kafkaRoundTripCheck } from '../../src/kafka-round-trip';
import { itInstrumentsThroughTheRegisterEntry } from '../../src/register-entry-suite';

const APPS = {
  cjs: { value: 'hello', clientId: 'cfk-app' },
  esm: { value: 'hello from esm', clientId: 'cfk-esm' },
};

const expectTracedRoundTrip = kafkaRoundTripCheck(APPS);

describe('the Confluent register entry, in a real Node process', () => {
  itInstrumentsThroughTheRegisterEntry({
    entry: CONFLUENT_REGISTER,
    fixtures,
    cjs: 'app.cjs',
    esm: 'app.mjs',
    destination: (label) => uniqueName(`cfk-${label}`),
    env: (topic, extra) => ({ TOPIC: topic, SCENARIO: 'roundtrip', ...extra }),
    lowest: {
      library: '@confluentinc/kafka-javascript',
      folder: 'confluent-kafka',
      version: '1.0.0',
      variable: 'CONFLUENT_MODULE',
    },
    expectTracedRoundTrip,
    producerSpan: (topic) => `send ${topic}`,
  });
});
