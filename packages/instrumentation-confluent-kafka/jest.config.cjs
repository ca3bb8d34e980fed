module.exports = require('../../jest.preset.cjs')(__dirname, {
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // The unit suites (fake client classes, in-memory SDK, no native addon) must keep covering the
  // patches: CI fails below this. The broker suites in integration-tests cover the real client.
  coverageThreshold: { global: { lines: 95, statements: 90, functions: 92, branches: 74 } },
});
