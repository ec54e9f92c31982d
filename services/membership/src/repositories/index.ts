import type { DataSource } from 'typeorm';
import { AccessLogRepository } from './access-log.repository';
import { AssociationRepository } from './association.repository';
import { MembershipRepository } from './membership.repository';
import { PersonRepository } from './person.repository';

export { AccessLogRepository, AssociationRepository, MembershipRepository, PersonRepository };

export interface Repositories {
  persons: PersonRepository;
  associations: AssociationRepository;
  memberships: MembershipRepository;
  accessLog: AccessLogRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  persons: new PersonRepository(ds),
  associations: new AssociationRepository(ds),
  memberships: new MembershipRepository(ds),
  accessLog: new AccessLogRepository(ds),
});
