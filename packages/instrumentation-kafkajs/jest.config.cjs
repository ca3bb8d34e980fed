module.exports = require('../../jest.preset.cjs')(__dirname, {
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // The unit suites (fake library objects, in-memory SDK) must keep covering the telemetry and
  // patches: CI fails below this. The broker suites in integration-tests cover the real client.
  coverageThreshold: { global: { lines: 95, statements: 90, functions: 92, branches: 74 } },
});
