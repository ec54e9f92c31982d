import path from 'node:path';
import { z } from 'zod';
import {
  clockSettingsEnv,
  corsOriginsSetting,
  loadConfig,
  repoRoot,
  REVOCATION_FEED_PATH,
  SUBGRAPHS,
  tracingEnv,
} from '@mamis/platform';

const url = (fallback: string) => z.string().url().default(fallback);
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));
const optionalBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));
const secret = z.string().min(32, 'at least 32 characters').optional();

type Subgraph = (typeof SUBGRAPHS)[number];
/** Each subgraph's URL (default: its development port) and shared secret (SUBGRAPHS). */
const subgraphEnv = Object.fromEntries(
  SUBGRAPHS.flatMap((s) => [
    [s.urlEnv, url(`http://127.0.0.1:${s.port}/graphql`)],
    [s.secretEnv, secret],
  ]),
) as { [K in Subgraph['urlEnv']]: ReturnType<typeof url> } & { [K in Subgraph['secretEnv']]: typeof secret };

/**
 * The gateway's environment. Every default is listed in gateway/README.md. Variables marked
 * "production: required" are checked by `productionProblems` when the gateway starts.
 */
export const gatewayEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535, 4000),
  ...clockSettingsEnv,
  SUPERGRAPH_PATH: z.string().default(path.join(repoRoot, 'schema', 'supergraph.graphql')),
  /** `<SUBGRAPH>_URL` per subgraph (default: http://127.0.0.1:<its port>/graphql). */
  ...subgraphEnv,
  SUBGRAPH_TIMEOUT_MS: int(100, 60_000, 5_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(200_000),

  // --- access tokens (the identity service's OIDC issuer) ---
  /** Issuer (`iss`) of access tokens. Production: required; elsewhere `DEV_OIDC_ISSUER`. */
  OIDC_ISSUER: z.string().url().optional(),
  /** JWKS URL; default: `jwks_uri` from `<issuer>/.well-known/openid-configuration`. */
  OIDC_JWKS_URL: z.string().url().optional(),
  /** Audience (`aud`) the identity service puts into access tokens for the gateway. */
  OIDC_AUDIENCE: z.string().min(1).default('urn:mamis:gateway'),
  OIDC_CLOCK_TOLERANCE_S: int(0, 300, 5),
  /** Minimum time between two JWKS fetches (an unknown `kid` triggers a refetch). */
  OIDC_JWKS_COOLDOWN_MS: int(0, 3_600_000, 30_000),
  /** Keys are refetched after this age even when every `kid` is known. */
  OIDC_JWKS_CACHE_MAX_AGE_MS: int(1_000, 86_400_000, 600_000),
  OIDC_JWKS_TIMEOUT_MS: int(100, 60_000, 5_000),
  /**
   * The identity service's revocation feed, read on every request with a token.
   * Default: `<OIDC_ISSUER>/internal/revocations`.
   */
  REVOCATION_FEED_URL: z.string().url().optional(),
  /** Shared with identity (its REVOCATION_FEED_SECRET). Production: required. */
  REVOCATION_FEED_SECRET: secret,
  REVOCATION_FEED_TIMEOUT_MS: int(50, 10_000, 2_000),

  // --- trusted subgraph calls ---
  /** PKCS#8 PEM (or a private JWK as JSON) of the ES256/Ed25519 assertion key. Production: required. */
  GATEWAY_ASSERTION_PRIVATE_KEY: z.string().min(1).optional(),
  GATEWAY_ASSERTION_KID: z.string().min(1).optional(),
  /** Lifetime of a viewer assertion (≤ 60 s). */
  GATEWAY_ASSERTION_TTL_S: int(5, 60, 30),
  // Per-subgraph shared secrets `<SUBGRAPH>_SUBGRAPH_SECRET` (header `x-subgraph-secret`), in
  // subgraphEnv above. Production: required.

  // --- terms gate ---
  /** How long the current terms version (from consent's `termsOfUse`) is cached. */
  TERMS_CACHE_MS: int(0, 3_600_000, 30_000),

  // --- operation limits (rejected before execution) ---
  MAX_DEPTH: int(1, 100, 10),
  MAX_ALIASES: int(0, 1000, 15),
  MAX_DIRECTIVES: int(0, 1000, 50),
  MAX_TOKENS: int(10, 100_000, 1_000),
  MAX_CHARACTERS: int(10, 1_000_000, 10_000),
  MAX_COST: int(1, 10_000_000, 5_000),
  /** Introspection: default on outside production, off in production. */
  INTROSPECTION: optionalBool,
  /** Automatic persisted queries (in-memory LRU cache per instance). */
  APQ_ENABLED: bool(true),

  // --- rate limit (fixed window per viewer: token `sub`, or the client IP when anonymous) ---
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_WINDOW_MS: int(100, 3_600_000, 60_000),
  RATE_LIMIT_MAX: int(1, 1_000_000, 600),
  RATE_LIMIT_ANONYMOUS_MAX: int(1, 1_000_000, 120),
  /**
   * Behind a trusted proxy / load balancer: the header carrying the client address (e.g.
   * `x-forwarded-for`; its LAST entry is used, the one the proxy added). Unset: the socket address.
   */
  CLIENT_IP_HEADER: z.string().min(1).toLowerCase().optional(),
  /** Shared counters for several gateway replicas; in memory (one instance) when unset. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  RATE_LIMIT_REDIS_PREFIX: z.string().min(1).default('mamis:gateway:rl:'),

  // --- browser applications (CORS) ---
  /**
   * Origins whose pages may call the gateway (comma-separated exact origins, e.g. the MAMIS portal
   * `https://portal.example.jp`). Default outside production: the portal's development URLs
   * (`DEV_CORS_ORIGINS`); in production: none until configured. `*` is refused.
   */
  CORS_ORIGINS: corsOriginsSetting,
  /** How long a browser may cache a preflight answer. */
  CORS_MAX_AGE_S: int(0, 86_400, 600),

  // --- observability ---
  METRICS_ENABLED: bool(true),
  METRICS_PATH: z.string().startsWith('/').default('/metrics'),
  /**
   * Bearer token Prometheus presents (`Authorization: Bearer <token>`) to read METRICS_PATH; unset:
   * the path is open (development and test only). Production: required while METRICS_ENABLED.
   */
  METRICS_TOKEN: secret,
  /**
   * OpenTelemetry traces (platform tracing.ts): off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
   * Started by src/tracing.ts before anything loads; validated here with everything else.
   */
  ...tracingEnv,

  // --- development ---
  /**
   * The local API explorer at GET / (GraphiQL from npm, sign-in through the identity service):
   * on by default outside production, `off` to turn it off. Production: always off (`on` refused).
   */
  API_EXPLORER: z.enum(['on', 'off']).optional(),
});

export type GatewayConfig = z.infer<typeof gatewayEnv>;

/** The identity service of `npm start` (port 4010). */
export const DEV_OIDC_ISSUER = 'http://127.0.0.1:4010';
/** The portal's development origins (`npm start` serves it on 5173; Vite's default port). */
export const DEV_CORS_ORIGINS = ['http://127.0.0.1:5173', 'http://localhost:5173'];
/** The allowed origins: configured, else the development ones outside production, else none. */
export const corsOriginsOf = (c: GatewayConfig): string[] =>
  c.CORS_ORIGINS ?? (c.NODE_ENV === 'production' ? [] : DEV_CORS_ORIGINS);
/** The API explorer is served outside production unless turned off. */
export const explorerEnabled = (c: GatewayConfig) => c.NODE_ENV !== 'production' && c.API_EXPLORER !== 'off';
export const issuerOf = (c: GatewayConfig) => c.OIDC_ISSUER ?? DEV_OIDC_ISSUER;
export const revocationFeedUrlOf = (c: GatewayConfig) =>
  c.REVOCATION_FEED_URL ?? `${issuerOf(c).replace(/\/$/, '')}${REVOCATION_FEED_PATH}`;
export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(gatewayEnv, env);

export interface SubgraphTarget {
  url: string;
  /** The configured shared secret; undefined → the derived development secret (not in production). */
  secret?: string;
  /** The variable of the shared secret. */
  secretEnv: string;
}

/** Subgraph name (as composed into the supergraph) → URL and shared secret. */
export const subgraphTargets = (c: GatewayConfig): Record<string, SubgraphTarget> =>
  Object.fromEntries(
    SUBGRAPHS.map((s) => [s.name, { url: c[s.urlEnv], secret: c[s.secretEnv], secretEnv: s.secretEnv }]),
  );

/** Subgraph name → URL. */
export const subgraphUrls = (c: GatewayConfig): Record<string, string> =>
  Object.fromEntries(Object.entries(subgraphTargets(c)).map(([name, t]) => [name, t.url]));

/** Problems that only show in production (every one of them, for one ConfigError). */
export function productionProblems(c: GatewayConfig): string[] {
  if (c.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!c.OIDC_ISSUER) problems.push('OIDC_ISSUER: required in production');
  if (!c.GATEWAY_ASSERTION_PRIVATE_KEY)
    problems.push('GATEWAY_ASSERTION_PRIVATE_KEY: required in production');
  if (!c.REVOCATION_FEED_SECRET) problems.push('REVOCATION_FEED_SECRET: required in production');
  else if (/^(dev-only-|REPLACE_ME)/.test(c.REVOCATION_FEED_SECRET))
    problems.push('REVOCATION_FEED_SECRET: a development or placeholder secret is refused in production');
  if (c.METRICS_ENABLED && !c.METRICS_TOKEN)
    problems.push(
      'METRICS_TOKEN: required in production while METRICS_ENABLED (or set METRICS_ENABLED=false)',
    );
  else if (c.METRICS_TOKEN && /^(dev-only-|REPLACE_ME)/.test(c.METRICS_TOKEN))
    problems.push('METRICS_TOKEN: a placeholder secret is refused in production');
  if (c.API_EXPLORER === 'on') problems.push('API_EXPLORER: the API explorer is development only');
  for (const t of Object.values(subgraphTargets(c))) {
    const variable = t.secretEnv;
    if (!t.secret) problems.push(`${variable}: required in production`);
    else if (/^(dev-only-|REPLACE_ME)/.test(t.secret))
      problems.push(`${variable}: a development or placeholder secret is refused in production`);
  }
  return problems;
}
