import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { createContextFactory, type RequestContext } from './context';
import type { SqlStatementCounter } from './db';
import { createErrorFormatter } from './errors';
import { createGraphQLHttpServer, listen, type ListeningServer } from './http';
import { createLogger, type Logger } from './logger';
import type { ServiceEnv } from './config';

/** Repository root, found from this file (services/platform/src). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** The SDL of a subgraph: `schema/<name>.graphql` is the source of truth. */
export function loadSubgraphSdl(name: string): string {
  return readFileSync(path.join(repoRoot, 'schema', `${name}.graphql`), 'utf8');
}

export interface SubgraphOptions<L, S> {
  name: string;
  config: ServiceEnv;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers: GraphQLResolverMap<any>;
  /** The service's DataSource factory (its schema, entities and migrations). */
  makeDataSource: (url: string, opts: { poolSize?: number; logger?: Logger }) => {
    dataSource: DataSource;
    sql: SqlStatementCounter;
  };
  /** Repositories/services shared by all requests (stateless). */
  createServices: (dataSource: DataSource) => S;
  /** A NEW loader map for each request. */
  createLoaders: (services: S) => L;
  /** Defaults to `schema/<name>.graphql`. */
  sdl?: string;
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
  const { dataSource, sql } = opts.makeDataSource(opts.config.DATABASE_URL, {
    poolSize: opts.config.DB_POOL_SIZE,
    logger: log,
  });
  const services = opts.createServices(dataSource);
  const schema = buildSubgraphSchema({
    typeDefs: parse(opts.sdl ?? loadSubgraphSdl(opts.name)),
    resolvers: opts.resolvers,
  });
  const apollo = new ApolloServer<RequestContext<L, S>>({
    schema,
    introspection: development,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ development }),
    logger: log,
  });
  await apollo.start();
  await dataSource.initialize();
  const makeContext = createContextFactory(log, () => opts.createLoaders(services), services);
  const httpServer = createGraphQLHttpServer<RequestContext<L, S>>({
    apollo,
    context: async (_req, requestId) => makeContext(requestId),
    ready: async () => {
      await dataSource.query('SELECT 1');
    },
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
    },
  };
}
