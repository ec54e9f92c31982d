import { AssociationEntity } from './association.entity';
import { MembershipEntity } from './membership.entity';
import { PersonEntity } from './person.entity';

export { AssociationEntity, MembershipEntity, PersonEntity };
export const entities = [AssociationEntity, PersonEntity, MembershipEntity];
