import { createLogger, createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { insurancePensionEnv, loadInsurancePensionConfig, type InsurancePensionConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { createServices, type InsurancePensionServices } from './services';
import {
  startConsumerLoop,
  type MembershipEventConsumer,
} from './services/membership-event-consumer.service';

export interface InsurancePensionHandle extends ServiceHandle {
  /** The membership event consumer the loop runs (tests may run it directly). */
  consumer: MembershipEventConsumer;
}

/**
 * Build the insurance-and-pension subgraph (connects to PostgreSQL, does not listen) and start
 * the membership event consumer loop (every INSURANCE_EVENT_POLL_MS; 0: off), stopped by close().
 * The consumer has its own one-connection DataSource: background work neither takes request
 * connections nor shows in the requests' SQL statement counts.
 */
export const createServer = async (
  config: InsurancePensionConfig = loadInsurancePensionConfig(),
): Promise<InsurancePensionHandle> => {
  // a config parsed by another service's schema (tests) lacks this service's own variables
  const cfg = insurancePensionEnv.parse(config);
  const handle = await createSubgraphService({
    name: 'insurance-pension',
    config: cfg,
    resolvers,
    makeDataSource,
    analyticsReadUrl: cfg.DATABASE_READ_URL,
    createServices: (ds, analyticsReads): InsurancePensionServices =>
      createServices(ds, undefined, analyticsReads),
    createLoaders,
  });
  const log = createLogger('insurance-pension', cfg.LOG_LEVEL).child({ job: 'membership-events' });
  const jobDb = makeDataSource(cfg.DATABASE_URL, { poolSize: 1, logger: log }).dataSource;
  try {
    await jobDb.initialize();
  } catch (err) {
    await handle.close();
    throw err;
  }
  const consumer = createServices(jobDb, { batchSize: cfg.INSURANCE_EVENT_BATCH_SIZE }).consumer;
  const loop =
    cfg.INSURANCE_EVENT_POLL_MS > 0
      ? startConsumerLoop(consumer, cfg.INSURANCE_EVENT_POLL_MS, log)
      : undefined;
  return {
    ...handle,
    consumer,
    async close() {
      await loop?.stop();
      if (jobDb.isInitialized) await jobDb.destroy();
      await handle.close();
    },
  };
};
