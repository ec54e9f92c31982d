import {
  ConfigError,
  devAssertionKeyPair,
  devRevocationFeedSecret,
  devSubgraphSecret,
} from '@mamis/platform';
import { explorerEnabled, gatewayEnv, productionProblems } from '../src/config';
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
      'METRICS_TOKEN: required in production while METRICS_ENABLED (or set METRICS_ENABLED=false)',
      'MEMBERSHIP_SUBGRAPH_SECRET: required in production',
      'TRAINING_SUBGRAPH_SECRET: required in production',
      'INSURANCE_PENSION_SUBGRAPH_SECRET: required in production',
      'CONSENT_SUBGRAPH_SECRET: required in production',
    ]);
  });

  it('keeps the API explorer to development: on by default outside production, refused in production', () => {
    expect(explorerEnabled(gatewayEnv.parse({}))).toBe(true);
    expect(explorerEnabled(gatewayEnv.parse({ API_EXPLORER: 'off' }))).toBe(false);
    expect(explorerEnabled(gatewayEnv.parse({ NODE_ENV: 'production' }))).toBe(false);
    expect(productionProblems(gatewayEnv.parse({ NODE_ENV: 'production', API_EXPLORER: 'on' }))).toContain(
      'API_EXPLORER: the API explorer is development only',
    );
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
      METRICS_TOKEN: 'x'.repeat(40),
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

  it('keeps /metrics closed in production: a token, or metrics switched off', () => {
    const env = { NODE_ENV: 'production', METRICS_ENABLED: 'false' };
    const problems = (e: Record<string, string>) =>
      productionProblems(gatewayEnv.parse(e)).filter((p) => p.startsWith('METRICS_TOKEN'));
    expect(problems(env)).toEqual([]);
    expect(problems({ ...env, METRICS_ENABLED: 'true' })).toHaveLength(1);
    expect(problems({ ...env, METRICS_ENABLED: 'true', METRICS_TOKEN: 'm'.repeat(40) })).toEqual([]);
    expect(
      problems({
        ...env,
        METRICS_ENABLED: 'true',
        METRICS_TOKEN: 'REPLACE_ME-metrics-token-at-least-32-chars',
      }),
    ).toEqual(['METRICS_TOKEN: a placeholder secret is refused in production']);
  });

  it('caps the assertion lifetime at 60 s', () => {
    expect(() => gatewayEnv.parse({ GATEWAY_ASSERTION_TTL_S: '61' })).toThrow();
  });
});
