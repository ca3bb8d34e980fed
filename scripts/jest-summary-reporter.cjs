// Writes each package's counts to reports/jest-summary.json so `npm test` can print one closing
// line for the whole monorepo (turbo restores the file from its cache along with the logs).
const fs = require('node:fs');
const path = require('node:path');

class JestSummaryReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    // A second Jest run in one package (the fault suite) writes a file of its own.
    this.file = options.file ?? 'jest-summary.json';
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(this.rootDir, 'reports');
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites + results.numRuntimeErrorTestSuites,
      // The Node that ran the suites: a matrix leg checks that it was the leg's own.
      node: process.version,
    };
    fs.writeFileSync(path.join(dir, this.file), `${JSON.stringify(summary)}\n`);
  }
}

module.exports = JestSummaryReporter;
