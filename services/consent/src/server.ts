import { createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { loadConsentConfig, type ConsentConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import { resolvers } from './resolvers';

/** Build the consent subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (config: ConsentConfig = loadConsentConfig()): Promise<ServiceHandle> =>
  createSubgraphService({
    name: 'consent',
    config,
    resolvers,
    makeDataSource,
    createServices: createRepositories,
    createLoaders,
  });
