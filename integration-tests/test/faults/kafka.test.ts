import { describe, it } from '@jest/globals';
import { uniqueName } from '@msgtrace/test-utils';
import { compareRuns, type Mode } from '../../src/faults/compare';
import { endpoints, killedThenRestarted } from '../../src/faults/scenario';

const consumerKilled = (mode: Mode) =>
  killedThenRestarted(
    'kafka-workload',
    mode,
    {
      SCENARIO: 'kill',
      KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
      TOPIC: uniqueName(`faults-kill-${mode}`),
      GROUP: uniqueName(`faults-group-${mode}`),
    },
    90_000,
  );

describe('Kafka faults: the app gets what it gets bare, every span ends', () => {
  it('consumer killed mid-batch before committing: the group hands the batch to the next member', async () => {
    const bare = await consumerKilled('bare');
    const instrumented = await consumerKilled('instrumented');
    compareRuns('kafka: consumer killed mid-batch, redelivery', bare, instrumented);
  });
});
