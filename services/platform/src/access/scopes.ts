import type { Viewer } from '../viewer';
import type { Scope } from './policy';

/**
 * What each scope of the policy table means for individual records. Resolvers narrow lists with
 * these predicates; they never decide access on their own.
 */

/** Programs whose credits and certificates the JMA issues (all but an association's own). */
export const isJmaProgram = (programCode: string) => programCode !== 'OWN';

/** A training record (attendance at a session) within a TRAINING scope. */
export function sessionInScope(
  scope: Scope | undefined,
  session: { hostAssociationId: string; programCode: string; cohostSocietyId?: string | null },
  viewer: Viewer,
): boolean {
  switch (scope) {
    case 'ALL':
      return true;
    case 'HOSTED_SESSIONS':
      return !!viewer.associationId && session.hostAssociationId === viewer.associationId;
    case 'JMA_PROGRAMS':
      return isJmaProgram(session.programCode);
    case 'COHOSTED_SESSIONS':
      return !!session.cohostSocietyId && viewer.scopes.includes(`society:${session.cohostSocietyId}`);
    default:
      return false;
  }
}

/** A membership (or dues) record within a MEMBERSHIP / DUES scope. */
export function associationRecordInScope(
  scope: Scope | undefined,
  record: { associationId: string },
  viewer: Viewer,
): boolean {
  switch (scope) {
    case 'ALL':
      return true;
    case 'OWN_ASSOCIATION':
      return !!viewer.associationId && record.associationId === viewer.associationId;
    default:
      // THE_APPLICATION covers the pending application only, not membership records
      return false;
  }
}
