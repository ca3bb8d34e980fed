module.exports = require('../../jest.preset.cjs')(__dirname, {
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // The unit suites (a fake KafkaJS-API client, fake rdkafka messages, in-memory SDK) must keep
  // covering the telemetry and the hooks: CI fails below this. The broker suites in
  // integration-tests cover both real clients.
  coverageThreshold: { global: { lines: 95, statements: 90, functions: 92, branches: 74 } },
});
