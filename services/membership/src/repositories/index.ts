import type { DataSource } from 'typeorm';
import { AccessLogRepository } from './access-log.repository';
import { AssociationRepository } from './association.repository';
import { MembershipRepository } from './membership.repository';
import { PersonRepository } from './person.repository';
import { MembershipEventRepository } from './membership-event.repository';
import { MembershipApplicationRepository } from './membership-application.repository';
import { StatisticsRepository } from './statistics.repository';
import { DuesRepository } from './dues.repository';
import { ProvisionRecordRepository } from './provision-record.repository';
import { OfficeOperationRepository } from './office-operation.repository';

export { AccessLogRepository, AssociationRepository, MembershipRepository, PersonRepository };
export { MembershipEventRepository, MembershipApplicationRepository };

export interface Repositories {
  persons: PersonRepository;
  associations: AssociationRepository;
  memberships: MembershipRepository;
  accessLog: AccessLogRepository;
  events: MembershipEventRepository;
  applications: MembershipApplicationRepository;
  /** The service's DataSource, for write transactions (withIdempotency, dataSource.transaction). */
  dataSource: DataSource;
  statistics: StatisticsRepository;
  /** Categories, fee schedules, invoices, payments (dues). */
  dues: DuesRepository;
  /** Mailing lists and provision records. */
  provisionRecords: ProvisionRecordRepository;
  /** Long office operations (invoice runs, bank imports) and their progress (処理状況). */
  officeOperations: OfficeOperationRepository;
}

/** `analyticsReads`: the pool of the `Statistics` aggregates (subgraph.ts), the primary's by default. */
export const createRepositories = (ds: DataSource, analyticsReads: DataSource = ds): Repositories => ({
  persons: new PersonRepository(ds),
  associations: new AssociationRepository(ds),
  memberships: new MembershipRepository(ds),
  accessLog: new AccessLogRepository(ds),
  events: new MembershipEventRepository(ds),
  applications: new MembershipApplicationRepository(ds),
  dataSource: ds,
  statistics: new StatisticsRepository(ds, analyticsReads),
  dues: new DuesRepository(ds),
  provisionRecords: new ProvisionRecordRepository(ds),
  officeOperations: new OfficeOperationRepository(ds),
});
