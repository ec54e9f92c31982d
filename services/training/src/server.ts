import { createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { loadTrainingConfig, type TrainingConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { createRepositories } from './repositories';
import { resolvers } from './resolvers';
import { calendarRoute } from './http/calendar.route';

/** Build the training subgraph (connects to PostgreSQL, does not listen). */
export const createServer = (config: TrainingConfig = loadTrainingConfig()): Promise<ServiceHandle> =>
  createSubgraphService({
    name: 'training',
    config,
    resolvers,
    makeDataSource,
    createServices: createRepositories,
    createLoaders,
    // public iCalendar feed of an association's public sessions (no login, no personal data)
    extraRoutes: (repos) => [calendarRoute(repos)],
  });
