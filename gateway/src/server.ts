import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ANONYMOUS,
  ConfigError,
  createAssertionSigner,
  createGraphQLHttpServer,
  createLogger,
  devAssertionKeyPair,
  devRevocationFeedSecret,
  devSubgraphSecret,
  ErrorCode,
  graphqlCorsPolicy,
  HttpError,
  isDevAssertionKey,
  listen,
  metricsRoute,
  Messages,
  parseAssertionPrivateKey,
  type ListeningServer,
  type Viewer,
} from '@mamis/platform';
import { accessGatePlugin } from './access-gate';
import { calendarProxy, documentProxy, duesDocumentProxy } from './training-proxy';
import { explorerLandingPage, explorerRoutes } from './explorer';
import { createTokenVerifier } from './auth';
import {
  corsOriginsOf,
  explorerEnabled,
  issuerOf,
  loadGatewayConfig,
  productionProblems,
  revocationFeedUrlOf,
  subgraphTargets,
  type GatewayConfig,
} from './config';
import type { GatewayContext } from './context';
import { createGatewayErrorFormatter } from './errors';
import { inputValidationPlugin } from './input-validation';
import { operationLimits } from './limits';
import { createMetrics, type GatewayMetrics } from './metrics';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limit';
import { AssertionCache } from './assertion-cache';
import { createRevocationFeedCheck } from './revocation';
import { SubgraphDataSource } from './subgraph-data-source';
import { createTermsVersionSource, type TermsVersionSource } from './terms';

export interface GatewayHandle {
  listen(port?: number, host?: string): Promise<ListeningServer>;
  close(): Promise<void>;
  /** The terms-version cache (tests reset it after changing the terms). */
  terms: TermsVersionSource;
  metrics: GatewayMetrics;
}

/** The signing key: configured, or (outside production) the derived development key. */
function assertionKey(config: GatewayConfig) {
  if (config.GATEWAY_ASSERTION_PRIVATE_KEY) {
    let key;
    try {
      key = parseAssertionPrivateKey(config.GATEWAY_ASSERTION_PRIVATE_KEY);
    } catch (err) {
      throw new ConfigError([`GATEWAY_ASSERTION_PRIVATE_KEY: ${(err as Error).message}`]);
    }
    if (config.NODE_ENV === 'production' && isDevAssertionKey(key)) {
      throw new ConfigError(['GATEWAY_ASSERTION_PRIVATE_KEY: the development key is refused in production']);
    }
    return key;
  }
  return devAssertionKeyPair().privateKey;
}

/** The rate-limit key of a viewer: the token subject, or the client address when anonymous. */
function rateKey(viewer: Viewer, req: http.IncomingMessage, clientIpHeader: string | undefined): string {
  if (viewer.kind !== 'ANONYMOUS') return `sub:${viewer.sub}`;
  const forwarded = clientIpHeader ? req.headers[clientIpHeader] : undefined;
  const value = Array.isArray(forwarded) ? forwarded[forwarded.length - 1] : forwarded;
  const address = value?.split(',').pop()?.trim() || req.socket.remoteAddress || 'unknown';
  return `ip:${address}`;
}

/** Build the gateway on the checked-in static supergraph (does not listen). */
export async function createServer(config: GatewayConfig = loadGatewayConfig()): Promise<GatewayHandle> {
  const problems = productionProblems(config);
  if (problems.length) throw new ConfigError(problems);
  const log = createLogger('gateway', config.LOG_LEVEL);
  const development = config.NODE_ENV !== 'production';
  const introspection = config.INTROSPECTION ?? development;
  const metrics = createMetrics();
  const signer = createAssertionSigner({
    privateKey: assertionKey(config),
    kid: config.GATEWAY_ASSERTION_KID,
    ttlSeconds: config.GATEWAY_ASSERTION_TTL_S,
  });
  const targets = subgraphTargets(config);
  const secretOf = (name: string) => targets[name]!.secret ?? devSubgraphSecret(name);

  const tokens = createTokenVerifier({
    issuer: issuerOf(config),
    audience: config.OIDC_AUDIENCE,
    jwksUrl: config.OIDC_JWKS_URL,
    clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_S,
    jwksCooldownMs: config.OIDC_JWKS_COOLDOWN_MS,
    jwksCacheMaxAgeMs: config.OIDC_JWKS_CACHE_MAX_AGE_MS,
    jwksTimeoutMs: config.OIDC_JWKS_TIMEOUT_MS,
    log,
    revocations: createRevocationFeedCheck({
      url: revocationFeedUrlOf(config),
      secret: config.REVOCATION_FEED_SECRET ?? devRevocationFeedSecret(),
      timeoutMs: config.REVOCATION_FEED_TIMEOUT_MS,
      log,
    }),
  });
  const assertions = new AssertionCache(signer);
  const terms = createTermsVersionSource({
    consentUrl: targets.consent!.url,
    secret: secretOf('consent'),
    assertions,
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    cacheMs: config.TERMS_CACHE_MS,
    log,
  });
  const limiter: RateLimiter | undefined = !config.RATE_LIMIT_ENABLED
    ? undefined
    : config.REDIS_URL
      ? createRedisRateLimiter({
          url: config.REDIS_URL,
          prefix: config.RATE_LIMIT_REDIS_PREFIX,
          windowMs: config.RATE_LIMIT_WINDOW_MS,
          log,
        })
      : createMemoryRateLimiter(config.RATE_LIMIT_WINDOW_MS);
  // shared limits from the first request: wait briefly for Redis (without it: in memory, as before)
  await limiter?.ready(2_000);
  /** The routes without a token (calendar feeds, document links) count as anonymous requests. */
  const anonymousRateLimit = async (req: http.IncomingMessage) => {
    if (!limiter) return;
    const decision = await limiter.hit(
      rateKey(ANONYMOUS, req, config.CLIENT_IP_HEADER),
      config.RATE_LIMIT_ANONYMOUS_MAX,
    );
    if (!decision.allowed)
      throw new HttpError(429, ErrorCode.RATE_LIMITED, Messages.RATE_LIMITED, {
        'retry-after': String(Math.max(1, Math.ceil(decision.resetMs / 1000))),
      });
  };

  // @apollo/gateway ≥ 2.10 otherwise starts an OpenTelemetry exporter that reports to Apollo and
  // probes cloud metadata endpoints (169.254.169.254, …) at construction: never from this system.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const target = targets[name];
      if (!target) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new SubgraphDataSource({
        name,
        url: target.url,
        secret: secretOf(name),
        assertions,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        metrics,
      });
    },
    logger: log,
  });

  const limits = operationLimits(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createGatewayErrorFormatter({ development }),
    logger: log,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    persistedQueries: config.APQ_ENABLED ? {} : false,
    plugins: [
      ...limits.plugins,
      accessGatePlugin({ introspection, currentTermsVersion: () => terms.current() }),
      inputValidationPlugin(),
      requestMetricsPlugin(metrics),
      // No Apollo Sandbox (it loads from a CDN): a browser opening /graphql is pointed to the
      // local API explorer in development, and gets no landing page in production.
      explorerEnabled(config) ? explorerLandingPage() : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();
  terms.warm();

  const httpServer = createGraphQLHttpServer<GatewayContext, Viewer>({
    apollo,
    authenticate: async (req) => {
      const limit = async (viewer: Viewer) => {
        if (!limiter) return;
        const decision = await limiter.hit(
          rateKey(viewer, req, config.CLIENT_IP_HEADER),
          viewer.kind === 'ANONYMOUS' ? config.RATE_LIMIT_ANONYMOUS_MAX : config.RATE_LIMIT_MAX,
        );
        if (!decision.allowed) {
          metrics.rejected.inc({ reason: 'rate_limited' });
          throw new HttpError(429, ErrorCode.RATE_LIMITED, Messages.RATE_LIMITED, {
            'retry-after': String(Math.max(1, Math.ceil(decision.resetMs / 1000))),
            'ratelimit-limit': String(decision.limit),
            'ratelimit-remaining': '0',
          });
        }
      };
      let viewer: Viewer;
      try {
        viewer = await tokens.viewerOf(req);
      } catch (err) {
        if (err instanceof HttpError && err.status === 401) {
          metrics.rejected.inc({ reason: 'invalid_token' });
          // an invalid token counts like an anonymous request of its client address: guessing or
          // replaying tokens is limited like any other anonymous traffic (429 once over the limit)
          await limit(ANONYMOUS);
        } else if (err instanceof HttpError) metrics.rejected.inc({ reason: 'auth_unavailable' });
        throw err;
      }
      await limit(viewer);
      return viewer;
    },
    context: async (_req, requestId, viewer) => ({
      requestId,
      viewer,
      log: log.child({ requestId, viewer: viewer.sub ?? 'anonymous' }),
    }),
    routes: {
      // development: the API explorer at GET / (off in production)
      ...(explorerEnabled(config) ? explorerRoutes({ issuer: issuerOf(config), log }) : {}),
      ...(config.METRICS_ENABLED
        ? {
            // with METRICS_TOKEN (required in production) only Prometheus, presenting it, reads this
            [config.METRICS_PATH]: metricsRoute(metrics.registry, config.METRICS_TOKEN),
          }
        : {}),
    },
    // the training service's public iCalendar feeds and certificate documents (signed links),
    // rate-limited like anonymous requests
    extraRoutes: [
      ...[calendarProxy, documentProxy].map((proxy) =>
        proxy({
          trainingUrl: targets.training!.url,
          timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
          beforeForward: anonymousRateLimit,
        }),
      ),
      // invoices and receipts (signed links) from the membership service
      duesDocumentProxy({
        trainingUrl: targets.membership!.url,
        timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
        beforeForward: anonymousRateLimit,
      }),
    ],
    ready: async () => undefined,
    log,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    cors: graphqlCorsPolicy(corsOriginsOf(config), config.CORS_MAX_AGE_S),
  });
  let listening: ListeningServer | undefined;
  return {
    terms,
    metrics,
    async listen(port = config.PORT, host = config.HOST) {
      listening = await listen(httpServer, port, host);
      log.info({ url: listening.url }, 'gateway listening');
      return listening;
    },
    async close() {
      if (listening) await listening.close();
      await apollo.stop();
      await limiter?.close();
    },
  };
}

/** Requests and latency per operation name. */
function requestMetricsPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, errors }) {
          const operation = metrics.operationLabel(operationName);
          const failed =
            (errors?.length ?? 0) > 0 ||
            (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          metrics.requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
