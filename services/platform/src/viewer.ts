/**
 * Who is calling. Built by the gateway from the verified access token and handed to subgraphs in
 * a signed viewer assertion; subgraphs take it from there and nowhere else.
 */
export type ViewerKind = 'PHYSICIAN' | 'STAFF' | 'ASSISTANT' | 'CLIENT' | 'ANONYMOUS';
export type AssociationTierName = 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL' | 'DISTRICT' | 'WORKPLACE';
export type StaffRole = 'ADMIN' | 'CLERK' | 'VIEWER';

/** Someone acting for the subject (RFC 8693 `act`): an assistant, or staff acting on behalf. */
export interface ViewerActor {
  sub: string;
  kind: ViewerKind;
  associationId?: string;
  reason?: string;
}

export interface Viewer {
  kind: ViewerKind;
  /** Token subject (account id), absent for ANONYMOUS. */
  sub?: string;
  /** PHYSICIAN (and ASSISTANT / act-on-behalf tokens for a physician): the person. */
  personId?: string;
  /** STAFF: the association and its tier. */
  associationId?: string;
  associationTier?: AssociationTierName;
  role?: StaffRole;
  /** JMA system administrator. */
  sysadmin?: boolean;
  /** CLIENT scopes (e.g. `society:<id>`, `analytics:aggregate`) and delegated rights. */
  scopes: string[];
  actor?: ViewerActor;
  /** Version of the terms of use the human behind the token has accepted. */
  acceptedTermsVersion?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'ANONYMOUS', scopes: [] }) as Viewer;

/** What `actorOf` records for a viewer without an account. */
export const UNKNOWN_ACTOR = 'unknown';

/**
 * The account that acted, if any: the actor of an `act` token (an assistant, staff acting on a
 * physician's behalf), else the token subject; null for a viewer without an account. For checks
 * that need a real account and for the audit trail's `actor` column (NULL when anonymous).
 */
export function actingAccountOf(viewer: Viewer): string | null {
  return viewer.actor?.sub ?? viewer.sub ?? null;
}

/**
 * Who did it, for the records of who acted (recorded_by, filed_by, issued_by, ...): the acting
 * account (`actingAccountOf`), else `UNKNOWN_ACTOR`. The one way every service computes it; on whose
 * behalf an `act` token acted is in the audit trail (`on_behalf_of`).
 */
export function actorOf(viewer: Viewer): string {
  return actingAccountOf(viewer) ?? UNKNOWN_ACTOR;
}

/**
 * Whose idempotency keys a write's key belongs to: the token subject (the person or account the
 * token is for, so a key is the same whoever acts for them), else `UNKNOWN_ACTOR`.
 */
export function idempotencyScopeOf(viewer: Viewer): string {
  return viewer.sub ?? UNKNOWN_ACTOR;
}
