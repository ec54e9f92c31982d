import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { swcrc: true }],
};
/** Dependencies published as ES modules only. */
const ESM_ONLY_PACKAGES = ['jose'];
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json', 'mjs'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  // ESM-only packages are compiled to CommonJS by the same transform (Jest on Node 20 cannot require ESM)
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};

/**
 * Three tiers: unit `*.spec.ts`, integration `*.integration.spec.ts` (real PostgreSQL: a migrated
 * template database cloned per test file) and e2e `test/e2e/**` (services + gateway over HTTP).
 * The global setup starts one embedded PostgreSQL (or uses DATABASE_URL) for the whole run.
 */
const config: Config = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testRegex: '^(?!.*(\\.integration\\.spec|\\.e2e\\.spec)\\.ts$).*\\.spec\\.ts$',
    },
    { ...common, displayName: 'integration', testRegex: '\\.integration\\.spec\\.ts$' },
    { ...common, displayName: 'e2e', testRegex: '\\.e2e\\.spec\\.ts$' },
  ],
};

export default config;
