import type { DataSource } from 'typeorm';
import { createRepositories, type Repositories } from '../repositories';
import { InsuranceListImport } from './insurance-list-import.service';
import { InsuranceService } from './insurance.service';
import { MembershipEventConsumer, type ConsumerOptions } from './membership-event-consumer.service';
import { PensionService } from './pension.service';

export { InsuranceService, PensionService, InsuranceListImport, MembershipEventConsumer };

/** Repositories plus the operations built on them (shared by all requests; stateless). */
export interface InsurancePensionServices extends Repositories {
  insurance: InsuranceService;
  pension: PensionService;
  insuranceImport: InsuranceListImport;
  consumer: MembershipEventConsumer;
}

/** `analyticsReads`: the pool of the `Statistics` aggregates (subgraph.ts), the primary's by default. */
export const createServices = (
  ds: DataSource,
  consumerOptions?: ConsumerOptions,
  analyticsReads: DataSource = ds,
): InsurancePensionServices => {
  const repos = createRepositories(ds, analyticsReads);
  const insurance = new InsuranceService(repos);
  return {
    ...repos,
    insurance,
    pension: new PensionService(repos),
    insuranceImport: new InsuranceListImport(repos, insurance),
    consumer: new MembershipEventConsumer(repos, insurance, consumerOptions),
  };
};
