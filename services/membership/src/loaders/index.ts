import type { Repositories } from '../repositories';
import { accessLogByPersonIdLoader } from './access-log-by-person-id.loader';
import { associationByIdLoader } from './association-by-id.loader';
import { childrenByAssociationIdLoader } from './children-by-association-id.loader';
import { membershipsByPersonIdLoader } from './memberships-by-person-id.loader';
import { personByIdLoader } from './person-by-id.loader';

/** The typed loader map: a new one per request (see context.ts). */
export const createLoaders = (repos: Repositories) => ({
  personById: personByIdLoader(repos),
  associationById: associationByIdLoader(repos),
  childrenByAssociationId: childrenByAssociationIdLoader(repos),
  membershipsByPersonId: membershipsByPersonIdLoader(repos),
  accessLogByPersonId: accessLogByPersonIdLoader(repos),
});

export type MembershipLoaders = ReturnType<typeof createLoaders>;
