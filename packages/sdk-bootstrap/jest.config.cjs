module.exports = require('../../jest.preset.cjs')(__dirname, {
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // What every register entry runs before the app: CI fails below this.
  coverageThreshold: { global: { lines: 90, statements: 90, functions: 90, branches: 80 } },
});
