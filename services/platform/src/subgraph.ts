import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { createContextFactory, type RequestContext } from './context';
import type { DataSourceTuning, SqlStatementCounter } from './db';
import { createErrorFormatter, ErrorCode } from './errors';
import { Messages } from './messages';
import { createGraphQLHttpServer, HttpError, listen, type ExtraRoute, type ListeningServer } from './http';
import { createLogger } from './logger';
import { ConfigError, type ServiceEnv } from './config';
import {
  createServiceMetrics,
  METRICS_PATH,
  metricsRoute,
  metricsTokenProblems,
  requestOutcomePlugin,
} from './metrics';
import { assertionVerifierFromConfig, SubgraphAuthError } from './viewer-assertion';
import type { Viewer } from './viewer';
import { createAccess } from './access/access-context';
import { currentRequestScope } from './request-scope';
import { createStatisticsGuard } from './statistics/guard';
import { auditPlugin } from './access/audit-plugin';
import { applyAccessShield, type AccessAwareContext } from './access/shield';

/** Repository root, found from this file (services/platform/src). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** The SDL of a subgraph: `schema/<name>.graphql` is the source of truth. */
export function loadSubgraphSdl(name: string): string {
  return readFileSync(path.join(repoRoot, 'schema', `${name}.graphql`), 'utf8');
}

export interface SubgraphOptions<L, S> {
  name: string;
  config: ServiceEnv;
  /**
   * The resolver map, typed in each service by its generated `Resolvers` (src/generated, made from
   * the SDL by `npm run resolvers:codegen`). Apollo's own map type cannot say `__resolveReference`
   * (reference, context, info), so it is taken as an object here and handed to Apollo as its map.
   */
  resolvers: object;
  /** The service's DataSource factory (its schema, entities and migrations). */
  makeDataSource: (
    url: string,
    opts: DataSourceTuning,
  ) => {
    dataSource: DataSource;
    sql: SqlStatementCounter;
  };
  /**
   * Repositories/services shared by all requests (stateless). `analyticsReads` is the pool for the
   * `Statistics` aggregate statements only (those run in `asPopulation`): a read-only pool on
   * `analyticsReadUrl` when given, else `dataSource` itself.
   */
  createServices: (dataSource: DataSource, analyticsReads: DataSource) => S;
  /**
   * DATABASE_READ_URL of the services that answer aggregates: a streaming read replica for them
   * (config.ts `analyticsReadEnv`); unset: the aggregates run on the primary.
   */
  analyticsReadUrl?: string;
  /** A NEW loader map for each request. */
  createLoaders: (services: S) => L;
  /** Defaults to `schema/<name>.graphql`. */
  sdl?: string;
  /** Extra public GET routes (no login, no personal data), e.g. training's `/calendar/<id>.ics`. */
  extraRoutes?: (services: S) => ExtraRoute[];
}

/** A created (not yet listening) subgraph service. */
export interface ServiceHandle {
  name: string;
  dataSource: DataSource;
  sql: SqlStatementCounter;
  listen(port?: number, host?: string): Promise<ListeningServer>;
  /** Stop HTTP (if listening), Apollo and the database pool. */
  close(): Promise<void>;
}

/** Build a subgraph service: connects to PostgreSQL, does not listen (tests listen on port 0). */
export async function createSubgraphService<L, S>(opts: SubgraphOptions<L, S>): Promise<ServiceHandle> {
  const development = opts.config.NODE_ENV !== 'production';
  const log = createLogger(opts.name, opts.config.LOG_LEVEL);
  // before anything connects: a production subgraph without its secret, key and metrics token does
  // not start
  const assertions = await assertionVerifierFromConfig(opts.name, opts.config);
  const metricsProblems = metricsTokenProblems(opts.config);
  if (metricsProblems.length) throw new ConfigError(metricsProblems);
  const metrics = createServiceMetrics(opts.name);
  const { dataSource, sql } = opts.makeDataSource(opts.config.DATABASE_URL, {
    poolSize: opts.config.DB_POOL_SIZE,
    preparedStatements: opts.config.DB_PREPARED_STATEMENTS === 'on',
    logger: log,
  });
  // the aggregates' own pool (read-only on whatever it points to), named apart in pg_stat_activity
  const analyticsReads = opts.analyticsReadUrl
    ? opts.makeDataSource(opts.analyticsReadUrl, {
        poolSize: opts.config.DB_POOL_SIZE,
        preparedStatements: opts.config.DB_PREPARED_STATEMENTS === 'on',
        logger: log,
        applicationName: `mamis-${opts.name}-analytics`,
        readOnly: true,
      }).dataSource
    : dataSource;
  const services = opts.createServices(dataSource, analyticsReads);
  const subgraphSchema = buildSubgraphSchema({
    typeDefs: parse(opts.sdl ?? loadSubgraphSdl(opts.name)),
    resolvers: opts.resolvers as GraphQLResolverMap<unknown>,
  });
  // Every field's access rule is derived from the one policy table (fallback: deny). The only
  // way around it is the benchmark's shield-off comparison (W5), refused in production.
  const shieldOff = opts.config.BENCH_ONLY_DISABLE_ACCESS_SHIELD === 'yes';
  if (shieldOff && !development) throw new Error('the access shield cannot be disabled in production');
  if (shieldOff) log.warn('ACCESS SHIELD DISABLED (benchmark-only switch)');
  const schema = shieldOff ? subgraphSchema : applyAccessShield(subgraphSchema);
  type Ctx = RequestContext<L, S> & AccessAwareContext;
  const apollo = new ApolloServer<Ctx>({
    schema,
    introspection: development,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ development }),
    logger: log,
    // runService owns SIGINT/SIGTERM; Apollo's own handler would stop twice
    stopOnTerminationSignals: false,
    plugins: [
      auditPlugin<Ctx>(opts.name, dataSource, log),
      requestOutcomePlugin<Ctx>(),
      // Apollo Server installs both by default, and each hooks EVERY field of every request
      // (`willResolveField`): cache hints nobody reads (answers are personal, never cached) and
      // Apollo Studio's inline traces (not used; traces are OpenTelemetry's, tracing.ts).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();
  await dataSource.initialize();
  metrics.observeSql(dataSource);
  if (analyticsReads !== dataSource) {
    try {
      await analyticsReads.initialize();
    } catch (err) {
      await apollo.stop();
      await dataSource.destroy();
      throw err;
    }
    metrics.observeSql(analyticsReads);
  }
  const makeContext = createContextFactory(log, () => opts.createLoaders(services), services);
  const httpServer = createGraphQLHttpServer<Ctx, Viewer>({
    apollo,
    // EVERY GraphQL request (`_service`, `_entities`, root fields; GET or POST) must carry this
    // subgraph's secret and a valid viewer assertion from the gateway: otherwise 401, no data.
    authenticate: async (req, requestId) => {
      try {
        return await assertions.verify(req.headers);
      } catch (err) {
        if (!(err instanceof SubgraphAuthError)) throw err;
        log.warn(
          { requestId, reason: err.message, remote: req.socket.remoteAddress },
          'refused an untrusted subgraph call',
        );
        throw new HttpError(401, ErrorCode.UNAUTHENTICATED, Messages.UNAUTHORIZED);
      }
    },
    // the access decisions of THIS request: relations loaded per batch, nothing kept afterwards
    context: async (_req, requestId, viewer) => {
      // row-level security: every statement of this request runs as this viewer (rls.ts)
      const scope = currentRequestScope();
      if (scope) {
        scope.viewer = viewer;
        scope.statementTimeoutMs = opts.config.STATEMENT_TIMEOUT_MS; // 0: off (viewerSettingsSql)
      }
      return {
        ...makeContext(requestId, viewer),
        access: createAccess(dataSource, viewer),
        statistics: createStatisticsGuard(
          dataSource,
          viewer,
          { requestId, service: opts.name },
          { k: opts.config.STATISTICS_K, windowDays: opts.config.STATISTICS_DIFFERENCING_DAYS },
        ),
      };
    },
    ready: async () => {
      await dataSource.query('SELECT 1');
    },
    extraRoutes: opts.extraRoutes?.(services),
    // Prometheus (behind METRICS_TOKEN, required in production)
    routes: { [METRICS_PATH]: metricsRoute(metrics.registry, opts.config.METRICS_TOKEN) },
    metrics,
    log,
    bodyLimitBytes: opts.config.BODY_LIMIT_BYTES,
  });
  let listening: ListeningServer | undefined;
  return {
    name: opts.name,
    dataSource,
    sql,
    async listen(port = opts.config.PORT, host = opts.config.HOST) {
      listening = await listen(httpServer, port, host);
      log.info({ url: listening.url }, `${opts.name} subgraph listening`);
      return listening;
    },
    async close() {
      if (listening) await listening.close();
      await apollo.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
      if (analyticsReads !== dataSource && analyticsReads.isInitialized) await analyticsReads.destroy();
    },
  };
}
