import {
  ConfigError,
  devAssertionKeyPair,
  devRevocationFeedSecret,
  devSubgraphSecret,
} from '@mamis/platform';
import { gatewayEnv, productionProblems } from '../src/config';
import { createServer } from '../src/server';

describe('gateway configuration', () => {
  it('starts in development with no trust configuration at all (derived dev key and secrets)', () => {
    expect(productionProblems(gatewayEnv.parse({}))).toEqual([]);
  });

  it('lists every missing production variable at once', () => {
    expect(productionProblems(gatewayEnv.parse({ NODE_ENV: 'production' }))).toEqual([
      'OIDC_ISSUER: required in production',
      'GATEWAY_ASSERTION_PRIVATE_KEY: required in production',
      'REVOCATION_FEED_SECRET: required in production',
      'MEMBERSHIP_SUBGRAPH_SECRET: required in production',
      'TRAINING_SUBGRAPH_SECRET: required in production',
      'INSURANCE_PENSION_SUBGRAPH_SECRET: required in production',
      'CONSENT_SUBGRAPH_SECRET: required in production',
    ]);
  });

  it('refuses the development key and secrets in production', async () => {
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      OIDC_ISSUER: 'https://id.example.jp',
      GATEWAY_ASSERTION_PRIVATE_KEY: devAssertionKeyPair()
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      MEMBERSHIP_SUBGRAPH_SECRET: 'm'.repeat(40),
      TRAINING_SUBGRAPH_SECRET: 't'.repeat(40),
      INSURANCE_PENSION_SUBGRAPH_SECRET: 'i'.repeat(40),
      CONSENT_SUBGRAPH_SECRET: devSubgraphSecret('consent'),
      REVOCATION_FEED_SECRET: 'r'.repeat(40),
    };
    expect(productionProblems(gatewayEnv.parse(env))).toEqual([
      'CONSENT_SUBGRAPH_SECRET: a development or placeholder secret is refused in production',
    ]);
    expect(
      productionProblems(gatewayEnv.parse({ ...env, REVOCATION_FEED_SECRET: devRevocationFeedSecret() })),
    ).toContain('REVOCATION_FEED_SECRET: a development or placeholder secret is refused in production');
    await expect(
      createServer(gatewayEnv.parse({ ...env, CONSENT_SUBGRAPH_SECRET: 'c'.repeat(40) })),
    ).rejects.toThrow(ConfigError);
    await expect(
      createServer(gatewayEnv.parse({ ...env, CONSENT_SUBGRAPH_SECRET: 'c'.repeat(40) })),
    ).rejects.toThrow(/development key is refused/);
  });

  it('caps the assertion lifetime at 60 s', () => {
    expect(() => gatewayEnv.parse({ GATEWAY_ASSERTION_TTL_S: '61' })).toThrow();
  });
});
