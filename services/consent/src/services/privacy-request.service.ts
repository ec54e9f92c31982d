import type { EntityManager } from 'typeorm';
import {
  actorOf,
  badInput,
  clock,
  conflict,
  Messages,
  notFound,
  withIdempotency,
  type AssociationOperation,
} from '@mamis/platform';
import type { ConsentWriteContext } from '../context';
import { dueDate } from '../domain/privacy-request-rules';
import type { PrivacyRequestEntity, PrivacyRequestKind, PrivacyRequestStatus } from '../entities';
import type { PrivacyRequestRepository } from '../repositories/privacy-request.repository';

/**
 * The person's rights under APPI (disclosure, correction, erasure): filing a request (the person:
 * FILE_PRIVACY_REQUEST) and deciding it (the association it is routed to). Authorise (the access
 * policy), validate, one transaction; the repository holds the SQL.
 */

export interface FilePrivacyRequestInput {
  personId: string;
  kind: PrivacyRequestKind;
  details?: string | null;
  idempotencyKey: string;
}

export interface DecidePrivacyRequestInput {
  requestId: string;
  associationId: string;
  approve: boolean;
  note?: string | null;
  version: number;
}

/** Who decides which kind: corrections the routed associations; disclosure the JMA; erasure JMA admins. */
export const DECIDE_OP: Record<PrivacyRequestKind, AssociationOperation> = {
  DISCLOSURE: 'DECIDE_PRIVACY_REQUEST',
  CORRECTION: 'DECIDE_PRIVACY_REQUEST',
  ERASURE: 'DECIDE_ERASURE',
};

export const DETAILS_MAX = 4000;

/** A request's details, trimmed (empty → null): at most 4,000 characters, required for a correction. */
export function validateRequestDetails(
  kind: PrivacyRequestKind,
  details: string | null | undefined,
): string | null {
  const d = details?.trim() || null;
  if (d && d.length > DETAILS_MAX)
    throw badInput('input.details', Messages.TEXT_TOO_LONG({ max: DETAILS_MAX }));
  if (kind === 'CORRECTION' && !d) throw badInput('input.details', Messages.CORRECTION_DETAILS_REQUIRED);
  return d;
}

/** A decision's note, trimmed (empty → null): required to reject, at most 4,000 characters. */
export function validateDecisionNote(approve: boolean, note: string | null | undefined): string | null {
  const n = note?.trim() || null;
  if (!approve && !n) throw badInput('input.note', Messages.REJECTION_REASON_REQUIRED);
  if (n && n.length > DETAILS_MAX) throw badInput('input.note', Messages.TEXT_TOO_LONG({ max: DETAILS_MAX }));
  return n;
}

/**
 * The status a decision leads to: a rejection REJECTED; a correction approved by an association
 * COMPLETED (the association corrects the data, EDIT_PERSON, and closes the request); a
 * disclosure or erasure approved APPROVED (carried out by the admin command).
 */
export const decidedStatus = (kind: PrivacyRequestKind, approve: boolean): PrivacyRequestStatus =>
  !approve ? 'REJECTED' : kind === 'CORRECTION' ? 'COMPLETED' : 'APPROVED';

/**
 * Where a request goes: a correction to the associations the person is currently a member of
 * (they hold and correct the data; the JMA when there is none, e.g. a non-member trainee); a
 * disclosure or an erasure to the JMA (responsible for MAMIS data; erasure: terms art. 8.2).
 */
async function routeOf(
  repo: PrivacyRequestRepository,
  manager: EntityManager,
  personId: string,
  kind: PrivacyRequestKind,
): Promise<string[]> {
  if (kind === 'CORRECTION') {
    const members = await repo.activeAssociationIds(manager, personId);
    if (members.length > 0) return members;
  }
  return repo.nationalAssociationIds(manager);
}

/**
 * File a request for the person (FILE_PRIVACY_REQUEST), once per (submitter, idempotency key): a
 * repeated submission answers the first request. Due PRIVACY_REQUEST_DUE_DAYS after filing.
 */
export async function filePrivacyRequest(
  ctx: ConsentWriteContext,
  input: FilePrivacyRequestInput,
): Promise<PrivacyRequestEntity> {
  await ctx.access.authorizeWrite(input.personId, 'FILE_PRIVACY_REQUEST');
  const details = validateRequestDetails(input.kind, input.details);
  const filedBy = actorOf(ctx.viewer);
  const repo = ctx.services.privacyRequests;
  const id = await withIdempotency(
    ctx.services.dataSource,
    {
      operation: 'filePrivacyRequest',
      actor: filedBy,
      key: input.idempotencyKey,
      payload: { personId: input.personId, kind: input.kind, details },
    },
    async (manager) => {
      const now = clock.now();
      const row = await repo.insert(manager, {
        personId: input.personId,
        kind: input.kind,
        details,
        filedBy,
        routedAssociationIds: await routeOf(repo, manager, input.personId, input.kind),
        filedAt: now,
        dueOn: dueDate(now, repo.dueDays),
      });
      return row.id;
    },
  );
  const [row] = await repo.byIds([id]);
  if (!row) throw notFound(Messages.PRIVACY_REQUEST_NOT_FOUND);
  return row;
}

/**
 * Decide a request routed to the association (DECIDE_PRIVACY_REQUEST, and DECIDE_ERASURE for an
 * erasure), on the version read, in one transaction with the request locked. A request not routed
 * to the association is NOT_FOUND, as one that does not exist.
 */
export async function decidePrivacyRequest(
  ctx: ConsentWriteContext,
  input: DecidePrivacyRequestInput,
): Promise<PrivacyRequestEntity> {
  ctx.access.authorizeAssociation(input.associationId, 'DECIDE_PRIVACY_REQUEST');
  const note = validateDecisionNote(input.approve, input.note);
  const actor = actorOf(ctx.viewer);
  const repo = ctx.services.privacyRequests;
  return ctx.services.dataSource.transaction(async (manager) => {
    const req = await repo.lock(manager, input.requestId);
    // not routed to this association: as if it did not exist
    if (!req || !req.routedAssociationIds.includes(input.associationId))
      throw notFound(Messages.PRIVACY_REQUEST_NOT_FOUND, 'input.requestId');
    ctx.access.authorizeAssociation(input.associationId, DECIDE_OP[req.kind]);
    if (req.status !== 'RECEIVED')
      throw conflict(Messages.PRIVACY_REQUEST_DECIDED({ status: req.status }), 'input.requestId');
    const now = clock.now();
    const status = decidedStatus(req.kind, input.approve);
    const decision = {
      status,
      decidedAt: now,
      decidedBy: actor,
      decidingAssociationId: input.associationId,
      decisionNote: note,
      completedAt: status === 'COMPLETED' ? now : null,
    };
    if (!(await repo.recordDecision(manager, req, input.version, decision)))
      throw conflict(Messages.PRIVACY_REQUEST_CHANGED, 'input.version');
    return { ...req, ...decision, version: req.version + 1 };
  });
}
