import { createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { loadMembershipConfig, type MembershipConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import { resolvers } from './resolvers';

/** Build the membership subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (config: MembershipConfig = loadMembershipConfig()): Promise<ServiceHandle> =>
  createSubgraphService({
    name: 'membership',
    config,
    resolvers,
    makeDataSource,
    createServices: createRepositories,
    createLoaders,
  });
