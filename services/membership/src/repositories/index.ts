import type { DataSource } from 'typeorm';
import { AssociationRepository } from './association.repository';
import { MembershipRepository } from './membership.repository';
import { PersonRepository } from './person.repository';

export { AssociationRepository, MembershipRepository, PersonRepository };

export interface Repositories {
  persons: PersonRepository;
  associations: AssociationRepository;
  memberships: MembershipRepository;
}

export const createRepositories = (ds: DataSource): Repositories => ({
  persons: new PersonRepository(ds),
  associations: new AssociationRepository(ds),
  memberships: new MembershipRepository(ds),
});
