import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createErrorFormatter, createGraphQLHttpServer, createLogger, listen, type ListeningServer } from '@mamis/platform';
import { loadGatewayConfig, subgraphUrls, type GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { SubgraphDataSource } from './subgraph-data-source';

export interface GatewayHandle {
  listen(port?: number, host?: string): Promise<ListeningServer>;
  close(): Promise<void>;
}

/** Build the gateway on the checked-in static supergraph (does not listen). */
export async function createServer(config: GatewayConfig = loadGatewayConfig()): Promise<GatewayHandle> {
  const log = createLogger('gateway', config.LOG_LEVEL);
  const development = config.NODE_ENV !== 'production';
  const urls = subgraphUrls(config);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const url = urls[name];
      if (!url) throw new Error(`supergraph names an unknown subgraph: ${name}`);
      return new SubgraphDataSource(url, config.SUBGRAPH_TIMEOUT_MS);
    },
    logger: log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: development,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter({ development }),
    logger: log,
  });
  await apollo.start();
  const httpServer = createGraphQLHttpServer<GatewayContext>({
    apollo,
    context: async (_req, requestId) => ({ requestId, log: log.child({ requestId }) }),
    ready: async () => undefined,
    log,
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
  });
  let listening: ListeningServer | undefined;
  return {
    async listen(port = config.PORT, host = config.HOST) {
      listening = await listen(httpServer, port, host);
      log.info({ url: listening.url }, 'gateway listening');
      return listening;
    },
    async close() {
      if (listening) await listening.close();
      await apollo.stop();
    },
  };
}
