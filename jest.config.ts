import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { swcrc: true }],
};
/** Dependencies (or the builds of them that code imports, e.g. csv-stringify's browser build) published as ES modules only. */
const ESM_ONLY_PACKAGES = ['jose', 'csv-stringify'];
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json', 'mjs'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  // ESM-only packages are compiled to CommonJS by the same transform (Jest on Node 20 cannot require ESM)
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};

/**
 * The database tiers' global set-up: one embedded PostgreSQL (or DATABASE_URL) and a migrated
 * template database for the whole run, started only when a test of such a tier runs (Jest runs a
 * project's global set-up only then); started once when both run.
 */
const withDatabase = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/**
 * Three tiers: unit `*.spec.ts` (no database, no services: seconds), integration
 * `*.integration.spec.ts` (real PostgreSQL: a migrated template database cloned per test file) and
 * e2e `*.e2e.spec.ts` (services + gateway over HTTP).
 */
const config: Config = {
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testRegex: '^(?!.*(\\.integration\\.spec|\\.e2e\\.spec)\\.ts$).*\\.spec\\.ts$',
    },
    { ...common, ...withDatabase, displayName: 'integration', testRegex: '\\.integration\\.spec\\.ts$' },
    { ...common, ...withDatabase, displayName: 'e2e', testRegex: '\\.e2e\\.spec\\.ts$' },
  ],
};

export default config;
