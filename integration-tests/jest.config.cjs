module.exports = require('../jest.preset.cjs')(__dirname, {
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Real brokers: a consumer group join alone can take seconds.
  testTimeout: 90_000,
  // Two cores; the brokers need one of them.
  maxWorkers: 2,
});
