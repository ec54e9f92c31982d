import type { Viewer } from '../viewer';
import type { Scope } from './policy';

/**
 * What each scope of the policy table means for individual records. The field rules
 * (field-rules/*.ts: `records`) are built from these predicates and the shield applies them;
 * resolvers never narrow records on their own.
 */

/** Programs whose credits and certificates the JMA issues (all but an association's own). */
/**
 * An association's own programme (not the JMA's): the generic `OWN`, or one an association defines
 * (`OWN_<association code>_<name>`, createTrainingProgram). Its host association issues its credits
 * and certificates; the JMA has no relation through it.
 */
export const isOwnProgram = (programCode: string) => programCode === 'OWN' || programCode.startsWith('OWN_');
export const isJmaProgram = (programCode: string) => !isOwnProgram(programCode);
/** isOwnProgram in SQL, for the access views (one definition: the same test). */
export const ownProgramSql = (column: string) => `(${column} = 'OWN' OR starts_with(${column}, 'OWN_'))`;

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

/**
 * A credit-ledger entry within a TRAINING scope: an entry from a session follows the session
 * (`sessionInScope`); a manual entry (no session) is seen with ALL, and by the JMA when it is in a
 * JMA program — never by a host or a co-hosting society.
 */
export function creditEntryInScope(
  scope: Scope | undefined,
  entry: { programCode: string },
  session: { hostAssociationId: string; programCode: string; cohostSocietyId?: string | null } | null,
  viewer: Viewer,
): boolean {
  if (session) return sessionInScope(scope, session, viewer);
  return scope === 'ALL' || (scope === 'JMA_PROGRAMS' && isJmaProgram(entry.programCode));
}

/**
 * A certificate (or certification application) within a TRAINING scope: ALL; the JMA for JMA
 * programs; a host only for certificates its association issued (an 'OWN' program's).
 */
export function certificateInScope(
  scope: Scope | undefined,
  certificate: { programCode: string; issuerAssociationId?: string | null },
  viewer: Viewer,
): boolean {
  switch (scope) {
    case 'ALL':
      return true;
    case 'JMA_PROGRAMS':
      return isJmaProgram(certificate.programCode);
    case 'HOSTED_SESSIONS':
      return !!viewer.associationId && certificate.issuerAssociationId === viewer.associationId;
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

/**
 * What a MEMBERSHIP scope covers of a person's applications:
 * - ALL (the person, a member association): every application;
 * - OWN_ASSOCIATION (a former member association): those with a step at the viewer's association;
 * - THE_APPLICATION (an association applied to): the pending ones with a step there.
 * (The companion of `associationRecordInScope`, for applications.)
 */
export function applicationInScope(
  scope: Scope | undefined,
  app: { status: string },
  steps: readonly { associationId?: string | null }[],
  viewer: Viewer,
): boolean {
  const atViewer = () =>
    !!viewer.associationId && steps.some((s) => s.associationId === viewer.associationId);
  switch (scope) {
    case 'ALL':
      return true;
    case 'OWN_ASSOCIATION':
      return atViewer();
    case 'THE_APPLICATION':
      return app.status === 'PENDING' && atViewer();
    default:
      return false;
  }
}
