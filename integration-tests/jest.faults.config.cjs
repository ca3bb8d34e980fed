// The fault suite (`pnpm test:faults`): brokers and connections broken under running apps. One
// file at a time: its scenarios stop brokers and kill processes, and must not fight the rest
// of the suite for the two cores.
const path = require('node:path');

module.exports = require('../jest.preset.cjs')(__dirname, {
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  globalSetup: '<rootDir>/test/faults/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/global-teardown.ts',
  testTimeout: 180_000,
  maxWorkers: 1,
  reporters: [
    'default',
    [
      path.join(__dirname, '..', 'scripts', 'jest-summary-reporter.cjs'),
      { file: 'jest-summary-faults.json' },
    ],
  ],
});
