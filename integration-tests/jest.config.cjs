// The Confluent client's broker suites need its native addon built for this Node; `npm test`
// builds it for Node 20 only and turns them off on its other legs (scripts/test-legs.mjs), which
// say so here and in their summary lines. Run directly (no variable), they are always on.
const confluentOff = process.env.MSGTRACE_CONFLUENT_KAFKA_SUITES === 'off';
if (confluentOff) {
  console.log(
    `integration-tests: the Confluent broker suites (test/confluent-kafka) are not on this leg (Node ${process.version}): its native addon is built for Node 20 only`,
  );
}

module.exports = require('../jest.preset.cjs')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Real brokers: a consumer group join alone can take seconds.
  testTimeout: 90_000,
  // Two cores; the brokers need one of them.
  maxWorkers: 2,
  // The fault suite runs on its own (jest.faults.config.cjs, `pnpm test:faults`).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/faults/',
    ...(confluentOff ? ['<rootDir>/test/confluent-kafka/'] : []),
  ],
});
