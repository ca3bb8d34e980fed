module.exports = require('../jest.preset.cjs')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Real brokers: a consumer group join alone can take seconds.
  testTimeout: 90_000,
  // Two cores; the brokers need one of them.
  maxWorkers: 2,
  // The fault suite runs on its own (jest.faults.config.cjs, `pnpm test:faults`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
});
