import { createLogger, createSubgraphService, type ServiceHandle } from '@mamis/platform';
import { insurancePensionEnv, loadInsurancePensionConfig, type InsurancePensionConfig } from './config';
import { makeDataSource } from './data-source';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { createServices, type Services } from './services';
import { startConsumerLoop } from './services/membership-event-consumer';

export interface InsurancePensionHandle extends ServiceHandle {
  /** The service's operations, incl. the membership event consumer (tests run it directly). */
  services: Services;
}

/**
 * Build the insurance-and-pension subgraph (connects to PostgreSQL, does not listen) and start
 * the membership event consumer loop (every INSURANCE_EVENT_POLL_MS; 0: off), stopped by close().
 */
export const createServer = async (
  config: InsurancePensionConfig = loadInsurancePensionConfig(),
): Promise<InsurancePensionHandle> => {
  // a config parsed by another service's schema (tests) lacks this service's own variables
  const cfg = insurancePensionEnv.parse(config);
  let services: Services | undefined;
  const handle = await createSubgraphService({
    name: 'insurance-pension',
    config: cfg,
    resolvers,
    makeDataSource,
    createServices: (ds) => (services = createServices(ds, { batchSize: cfg.INSURANCE_EVENT_BATCH_SIZE })),
    createLoaders,
  });
  const loop =
    cfg.INSURANCE_EVENT_POLL_MS > 0
      ? startConsumerLoop(
          services!.consumer,
          cfg.INSURANCE_EVENT_POLL_MS,
          createLogger('insurance-pension', cfg.LOG_LEVEL).child({ job: 'membership-events' }),
        )
      : undefined;
  return {
    ...handle,
    services: services!,
    async close() {
      await loop?.stop();
      await handle.close();
    },
  };
};
