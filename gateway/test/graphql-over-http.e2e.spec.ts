import { serverAudits } from 'graphql-http';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { startStack, type Stack } from '../../test/support/stack';
import { buildTermsVersion } from '../../test/support/builders';

/** The GraphQL-over-HTTP audit suite of `graphql-http` against the gateway (anonymous caller). */
describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  let db: TestDatabase;
  let stack: Stack;

  beforeAll(async () => {
    db = await createTestDatabase();
    await buildTermsVersion(await db.admin());
    // the audits fire many requests from one address: no rate limit here
    stack = await startStack(db, {}, { gatewayEnv: { RATE_LIMIT_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('passes every MUST audit', async () => {
    const results = [];
    for (const audit of serverAudits({ url: () => stack.gatewayUrl })) results.push(await audit.fn());
    const failingMust = results
      .filter((r) => r.status === 'error')
      .map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    const warnings = results
      .filter((r) => r.status === 'warn')
      .map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);
    if (warnings.length)
      console.info(`graphql-http SHOULD/MAY audits not met (${warnings.length}):\n${warnings.join('\n')}`);
    expect(failingMust).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(20);
  });
});
