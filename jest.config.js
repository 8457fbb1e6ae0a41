// Two projects so the fast, database-free tests run apart from the black-box ones:
//   unit        — pure domain and rule tests beside the code (src/**/*.test.ts), plus in-process tests
//                 that may start an embedded PostgreSQL (*.db.test.ts).
//   federation  — tests/src/in-process/**: the four subgraphs and a gateway in the test process, no HTTP, on a
//                 PostgreSQL of each test file's own (RequestPolicy, the shield rules, each service class).
//   integration — the rest of tests/**: the real stack (PostgreSQL, four HTTP subgraphs, the gateway) over HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@epr/(identity|platform|policy|client)$': '<rootDir>/packages/$1/src/index.ts',
    '^@epr/client/(.*)$': '<rootDir>/packages/client/src/$1',
    '^@epr/tools/(.*)$': '<rootDir>/tools/src/$1',
    '^@epr/gateway/(.*)$': '<rootDir>/gateway/src/$1',
    '^@epr/subgraph-([a-z-]+)/(.*)$': '<rootDir>/subgraphs/$1/src/$2',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};
export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,subgraphs,gateway,tools}/*/src/**/*.test.ts', '<rootDir>/{gateway,tools}/src/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'federation',
      testMatch: ['<rootDir>/tests/src/in-process/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/src/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/src/in-process/'],
      globalSetup: '<rootDir>/tests/src/support/global-setup.mjs',
      globalTeardown: '<rootDir>/tests/src/support/global-teardown.mjs',
    },
  ],
};
