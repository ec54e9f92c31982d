import { createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { loadInsurancePensionConfig, type InsurancePensionConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import { resolvers } from './resolvers';

/** Build the insurance-and-pension subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (
  config: InsurancePensionConfig = loadInsurancePensionConfig(),
): Promise<ServiceHandle> =>
  createSubgraphService({
    name: 'insurance-pension',
    config,
    resolvers,
    makeDataSource,
    createServices: createRepositories,
    createLoaders,
  });
