// Shared Jest settings: TypeScript through SWC (no type-check at test time; `typecheck` does that),
// and `.js` specifiers in sources mapped back to the `.ts` files next to them.
const path = require('node:path');

/** @param {string} dir the package directory */
module.exports = function jestConfig(dir, overrides = {}) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        require.resolve('@swc/jest'),
        {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    reporters: ['default', [path.join(__dirname, 'scripts', 'jest-summary-reporter.cjs'), {}]],
    ...overrides,
  };
};
