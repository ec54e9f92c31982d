/** identity's /manage/staff API as the office administration (職員管理) uses it: what it answers. */

/** A staff account as identity's GET /manage/staff lists it (no secret of any kind). */
export interface StaffEntry {
  id: string;
  username: string;
  displayName: string;
  role: string | null;
  status: string;
  secondFactorEnrolled: boolean;
  lastSignInAt: string | null;
  invitationExpiresAt: string | null;
  self: boolean;
}

/** One entry of the office's own audit trail (GET /manage/staff/audit). */
export interface AuditEntry {
  seq: string;
  at: string;
  service: string;
  operation: string | null;
  action: string;
  actorId: string;
  actorName: string;
  personCount: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** identity's JSON error: a stable code and, for bad input, the field it concerns. */
export interface ApiProblem {
  error?: string;
  field?: string;
}

/** A request to identity with the staff token (`body` sent as JSON). */
export type Call = (method: string, path: string, body?: unknown) => Promise<Response>;

/** A one-time invitation just made: for whom, the link and until when, and whether it was mailed. */
export interface Invitation {
  name: string;
  url: string;
  until: string;
  mailed: boolean;
}
