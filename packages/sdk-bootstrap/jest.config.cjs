module.exports = require('../../jest.preset.cjs')(__dirname, {
  collectCoverageFrom: ['<rootDir>/src/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  // One test loads the real Node SDK through Jest's module registry: seconds on a loaded machine.
  testTimeout: 30_000,
  // What every register entry runs before the app: CI fails below this.
  coverageThreshold: { global: { lines: 90, statements: 90, functions: 90, branches: 80 } },
});
