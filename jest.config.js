// Jest projects select a test tier by path (style.md §3 rule 8); swc strips types (fast cold
// start), and `make typecheck` does the type checking separately.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
  ],
};
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.tmp/'],
  // Scratch trees (contract-change test) hold package.json copies: keep them out of module lookup.
  modulePathIgnorePatterns: ['<rootDir>/\\.tmp/'],
  // ESM-only dependencies that jest on Node 20 cannot require: let swc compile them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(node-pg-migrate)/)'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/tools/**/*.test.ts',
        '<rootDir>/tests/pact/**/*.test.ts',
        '<rootDir>/{platform,gateway,services/*}/**/src/**/*.test.ts',
        '<rootDir>/gateway/*/src/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{platform,services/*}/test/integration/**/*.test.ts',
        '<rootDir>/gateway/conformance/**/*.test.ts',
        '<rootDir>/gateway/*/test/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'contract',
      testMatch: ['<rootDir>/services/*/test/contract/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
    },
  ],
};
