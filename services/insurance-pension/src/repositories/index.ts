import type { DataSource } from 'typeorm';
import { InsuranceEnrolmentRepository } from './insurance-enrolment.repository';
import { JmaStandingRepository } from './jma-standing.repository';
import { MembershipEventRepository } from './membership-event.repository';
import { PensionRepository } from './pension.repository';
import { InsuranceStatisticsRepository } from './insurance-statistics.repository';

export { InsuranceEnrolmentRepository, JmaStandingRepository, MembershipEventRepository, PensionRepository };
export type { MembershipEvent } from './membership-event.repository';

export interface Repositories {
  dataSource: DataSource;
  enrolments: InsuranceEnrolmentRepository;
  standing: JmaStandingRepository;
  pensions: PensionRepository;
  membershipEvents: MembershipEventRepository;
  /** Aggregates for `Statistics`. */
  insuranceStatistics: InsuranceStatisticsRepository;
}

/** `analyticsReads`: the pool of the `Statistics` aggregates (subgraph.ts), the primary's by default. */
export const createRepositories = (ds: DataSource, analyticsReads: DataSource = ds): Repositories => ({
  dataSource: ds,
  enrolments: new InsuranceEnrolmentRepository(ds),
  standing: new JmaStandingRepository(ds),
  pensions: new PensionRepository(ds),
  membershipEvents: new MembershipEventRepository(ds),
  insuranceStatistics: new InsuranceStatisticsRepository(ds, analyticsReads),
});
