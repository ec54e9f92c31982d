import { badInput, conflict, Messages, notFound, onlyUuids } from '@mamis/platform';
import type { TrainingWriteContext } from '../context';
import type { TrainingSessionEntity } from '../entities';
import { promoteWaitlisted } from './waitlist.service';
import { newCheckInCode } from '../domain/check-in-code';
import {
  checkCapacity,
  checkCredits,
  checkOnlineUrl,
  checkProgramCode,
  checkSociety,
  checkTimes,
  checkTitle,
  checkVenue,
  totalUnits,
  type SessionCreditInput,
} from '../domain/session-input';

/**
 * Training sessions: creation, changes, cancellation and the check-in code. Registration and
 * attendance: attendance.service.ts. Every write first asks the access module
 * (authorizeAssociation); nothing here decides access.
 */

export interface CreateSessionInput {
  hostAssociationId: string;
  programCode: string;
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  venue?: string | null;
  onlineUrl?: string | null;
  credits: SessionCreditInput[];
  capacity?: number | null;
  visibility?: 'PUBLIC' | 'MEMBERS_ONLY';
  cohostSocietyId?: string | null;
}

export interface UpdateSessionInput {
  id: string;
  version: number;
  title?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  venue?: string | null;
  onlineUrl?: string | null;
  credits?: SessionCreditInput[] | null;
  capacity?: number | null;
  visibility?: 'PUBLIC' | 'MEMBERS_ONLY' | null;
  cohostSocietyId?: string | null;
}

/** A session by id for a write: BAD_USER_INPUT for a malformed id, NOT_FOUND for an unknown one. */
export async function loadSession(
  ctx: TrainingWriteContext,
  id: string,
  field: string,
): Promise<TrainingSessionEntity> {
  if (onlyUuids([id]).length === 0) throw badInput(field, Messages.NOT_A_SESSION_ID);
  const session = await ctx.loaders.sessionById.load(id);
  if (!session) throw notFound(Messages.SESSION_NOT_FOUND);
  return session;
}

/** CONFLICT for a cancelled session. */
export const refuseCancelled = (s: TrainingSessionEntity) => {
  if (s.status === 'CANCELLED') throw conflict(Messages.SESSION_CANCELLED, 'sessionId');
};

/* ----------------------------------------------------------------------------------------------
 * Sessions
 * ------------------------------------------------------------------------------------------- */

/** The program must exist and offer these codes (the credit ledger accepts nothing else). */
async function checkProgramCredits(
  ctx: TrainingWriteContext,
  programCode: string,
  credits: readonly { code: string }[],
  field: string,
): Promise<void> {
  const codes = await ctx.services.sessions.programCodes(programCode);
  if (!codes) throw badInput('input.programCode', Messages.UNKNOWN_PROGRAM({ program: programCode }));
  credits.forEach((c, i) => {
    if (codes.length > 0 && !codes.includes(c.code))
      throw badInput(
        `${field}.${i}.code`,
        Messages.CODE_NOT_IN_PROGRAM({ code: c.code, program: programCode }),
      );
  });
}

export async function createSession(ctx: TrainingWriteContext, input: CreateSessionInput) {
  if (onlyUuids([input.hostAssociationId]).length === 0)
    throw badInput('input.hostAssociationId', Messages.NOT_AN_ASSOCIATION_ID);
  ctx.access.authorizeAssociation(input.hostAssociationId, 'MANAGE_SESSIONS');
  const credits = checkCredits(input.credits);
  const venue = checkVenue(input.venue);
  const onlineUrl = checkOnlineUrl(input.onlineUrl);
  if (!venue && !onlineUrl) throw badInput('input.venue', Messages.VENUE_OR_URL_REQUIRED);
  checkTimes(input.startsAt, input.endsAt ?? null);
  await checkProgramCredits(ctx, checkProgramCode(input.programCode), credits, 'input.credits');
  // an association's own programme is held by that association only
  const owner = await ctx.services.sessions.programOwner(checkProgramCode(input.programCode));
  if (owner && owner !== input.hostAssociationId)
    throw badInput('input.programCode', Messages.OTHER_ASSOCIATION_PROGRAM);
  const row = {
    hostAssociationId: input.hostAssociationId,
    programCode: checkProgramCode(input.programCode),
    title: checkTitle(input.title),
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    venue,
    onlineUrl,
    units: totalUnits(credits).toFixed(1),
    capacity: checkCapacity(input.capacity),
    visibility: input.visibility ?? 'PUBLIC',
    cohostSocietyId: checkSociety(input.cohostSocietyId),
    checkInCode: newCheckInCode(),
  };
  return ctx.services.dataSource.transaction((m) => ctx.services.sessions.create(m, row, credits));
}

export async function updateSession(ctx: TrainingWriteContext, input: UpdateSessionInput) {
  const current = await loadSession(ctx, input.id, 'input.id');
  ctx.access.authorizeAssociation(current.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(current);
  const changes: Record<string, unknown> = {};
  if (input.title != null) changes.title = checkTitle(input.title);
  if (input.startsAt != null) changes.starts_at = input.startsAt;
  if (input.endsAt !== undefined) changes.ends_at = input.endsAt;
  if (input.venue !== undefined) changes.venue = checkVenue(input.venue);
  if (input.onlineUrl !== undefined) changes.online_url = checkOnlineUrl(input.onlineUrl);
  if (input.capacity !== undefined) changes.capacity = checkCapacity(input.capacity);
  if (input.visibility != null) changes.visibility = input.visibility;
  if (input.cohostSocietyId !== undefined) changes.cohost_society_id = checkSociety(input.cohostSocietyId);
  const credits = input.credits != null ? checkCredits(input.credits) : undefined;
  if (credits) changes.units = totalUnits(credits).toFixed(1);
  if (credits) await checkProgramCredits(ctx, current.programCode, credits, 'input.credits');
  const startsAt = (changes.starts_at as Date | undefined) ?? current.startsAt;
  const endsAt = changes.ends_at !== undefined ? (changes.ends_at as Date | null) : current.endsAt;
  checkTimes(startsAt, endsAt);
  const venue = changes.venue !== undefined ? changes.venue : current.venue;
  const url = changes.online_url !== undefined ? changes.online_url : current.onlineUrl;
  if (!venue && !url) throw badInput('input.venue', Messages.VENUE_OR_URL_REQUIRED);
  return ctx.services.dataSource.transaction(async (m) => {
    const locked = await ctx.services.sessions.lock(m, current.id);
    if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
    refuseCancelled(locked);
    const updated = await ctx.services.sessions.update(m, current.id, input.version, changes);
    if (credits) await ctx.services.sessions.replaceCredits(m, current.id, credits);
    // more seats (or no limit any more): the waiting list moves up
    await promoteWaitlisted(ctx, m, updated);
    return updated;
  });
}

export async function cancelSession(ctx: TrainingWriteContext, id: string, version: number) {
  const current = await loadSession(ctx, id, 'id');
  ctx.access.authorizeAssociation(current.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(current);
  return ctx.services.dataSource.transaction((m) =>
    ctx.services.sessions.update(m, id, version, { status: 'CANCELLED', cancelled_at: new Date() }),
  );
}

export async function regenerateCheckInCode(ctx: TrainingWriteContext, sessionId: string) {
  const current = await loadSession(ctx, sessionId, 'sessionId');
  ctx.access.authorizeAssociation(current.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(current);
  return ctx.services.dataSource.transaction((m) =>
    ctx.services.sessions.update(m, sessionId, current.version, { check_in_code: newCheckInCode() }),
  );
}
