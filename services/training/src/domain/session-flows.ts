import { randomUUID } from 'node:crypto';
import {
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  Messages,
  notFound,
  onlyUuids,
  tokyoDate,
  withIdempotency,
} from '@mamis/platform';
import type { EntityManager } from 'typeorm';
import type { TrainingContext } from '../context';
import type { AttendanceEntity, CheckInMethod, TrainingSessionEntity } from '../entities';
import type { NewCreditEntry } from '../repositories';
import { parseRegistryCsv } from './attendance-csv';
import { checkInCodeMatches, checkInWindow, newCheckInCode } from './check-in-code';
import { sessionEnd } from './session-times';
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
} from './session-input';

/**
 * The session flows: sessions, registration with a waiting list, attendance
 * (one by one, CSV, self check-in) and the credit-ledger entries attendance earns. Every flow
 * first asks the access module (authorizeAssociation / authorizeWrite); nothing here decides access.
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

export type ImportRowStatus =
  'MATCHED' | 'ALREADY_RECORDED' | 'UNKNOWN_REGISTRY_NUMBER' | 'NOT_REGISTERED' | 'MALFORMED' | 'DUPLICATE';

export interface ImportRow {
  rowNumber: number;
  registryNumber: string | null;
  status: ImportRowStatus;
  personId: string | null;
  message: string | null;
}

export interface ImportReport {
  dryRun: boolean;
  applied: number;
  matched: number;
  rejected: number;
  rows: ImportRow[];
}

const MAX_CSV_ROWS = 5000;

/** Who recorded something: the token subject, with the actor when acting on someone's behalf. */
export const recordedBy = (ctx: TrainingContext) =>
  ctx.viewer.actor ? `${ctx.viewer.actor.sub} for ${ctx.viewer.sub ?? '?'}` : (ctx.viewer.sub ?? 'unknown');

async function loadSession(ctx: TrainingContext, id: string, field: string): Promise<TrainingSessionEntity> {
  if (onlyUuids([id]).length === 0) throw badInput(field, Messages.NOT_A_SESSION_ID);
  const session = await ctx.loaders.sessionById.load(id);
  if (!session) throw notFound(Messages.SESSION_NOT_FOUND);
  return session;
}

const refuseCancelled = (s: TrainingSessionEntity) => {
  if (s.status === 'CANCELLED') throw conflict(Messages.SESSION_CANCELLED, 'sessionId');
};

/** Ledger entries for attendances just recorded: one per credit line of the session. */
async function appendCredits(
  ctx: TrainingContext,
  manager: EntityManager,
  session: TrainingSessionEntity,
  attended: readonly AttendanceEntity[],
): Promise<void> {
  if (attended.length === 0) return;
  const credits = await ctx.services.sessions.creditsOf(manager, session.id);
  const by = recordedBy(ctx);
  const earnedOn = tokyoDate(session.startsAt);
  const entries: NewCreditEntry[] = attended.flatMap((a) =>
    credits.map((c) => ({
      personId: a.personId,
      programCode: session.programCode,
      code: c.code,
      units: Number(c.units),
      earnedOn,
      source: 'SESSION' as const,
      sessionId: session.id,
      recordedBy: by,
    })),
  );
  await ctx.services.creditLedger.appendEntries(manager, entries);
}

/* ----------------------------------------------------------------------------------------------
 * Sessions
 * ------------------------------------------------------------------------------------------- */

/** The program must exist and offer these codes (the credit ledger accepts nothing else). */
async function checkProgramCredits(
  ctx: TrainingContext,
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

export async function createSession(ctx: TrainingContext, input: CreateSessionInput) {
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
  return ctx.services.sessions.dataSource.transaction((m) => ctx.services.sessions.create(m, row, credits));
}

export async function updateSession(ctx: TrainingContext, input: UpdateSessionInput) {
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
  return ctx.services.sessions.dataSource.transaction(async (m) => {
    const locked = await ctx.services.sessions.lock(m, current.id);
    if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
    refuseCancelled(locked);
    const updated = await ctx.services.sessions.update(m, current.id, input.version, changes);
    if (credits) await ctx.services.sessions.replaceCredits(m, current.id, credits);
    // more seats (or no limit any more): the waiting list moves up
    await ctx.services.attendances.promoteWaitlisted(m, updated);
    return updated;
  });
}

export async function cancelSession(ctx: TrainingContext, id: string, version: number) {
  const current = await loadSession(ctx, id, 'id');
  ctx.access.authorizeAssociation(current.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(current);
  return ctx.services.sessions.dataSource.transaction((m) =>
    ctx.services.sessions.update(m, id, version, { status: 'CANCELLED', cancelled_at: new Date() }),
  );
}

export async function regenerateCheckInCode(ctx: TrainingContext, sessionId: string) {
  const current = await loadSession(ctx, sessionId, 'sessionId');
  ctx.access.authorizeAssociation(current.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(current);
  return ctx.services.sessions.dataSource.transaction((m) =>
    ctx.services.sessions.update(m, sessionId, current.version, { check_in_code: newCheckInCode() }),
  );
}

/* ----------------------------------------------------------------------------------------------
 * Registration
 * ------------------------------------------------------------------------------------------- */

/**
 * The person of a registry number for a write that needs the person on the viewer's list anyway
 * (authorizeWrite follows): an unused number becomes a random id, so that it meets the same
 * relation query and the same NOT_FOUND as the number of a person the viewer does not see.
 */
async function personOfRegistryNumberOrAbsent(ctx: TrainingContext, registryNumber: string, field: string) {
  const n = registryNumber.trim();
  if (!/^[0-9]{1,10}$/.test(n)) throw badInput(field, Messages.NOT_A_REGISTRY_NUMBER);
  return (await ctx.services.attendances.personIdsByRegistryNumbers([n])).get(n) ?? randomUUID();
}

/** Exactly one of personId / registryNumber. */
function oneOf(input: { personId?: string | null; registryNumber?: string | null }) {
  if (!!input.personId === !!input.registryNumber)
    throw badInput('input.personId', Messages.PERSON_OR_REGISTRY_NUMBER);
  if (input.personId && onlyUuids([input.personId]).length === 0)
    throw badInput('input.personId', Messages.NOT_A_PERSON_ID);
}

export async function registerForSession(
  ctx: TrainingContext,
  input: {
    sessionId: string;
    personId?: string | null;
    registryNumber?: string | null;
    idempotencyKey: string;
  },
): Promise<AttendanceEntity> {
  oneOf(input);
  const session = await loadSession(ctx, input.sessionId, 'input.sessionId');
  let personId: string;
  if (input.registryNumber) {
    // the host's staff, for a person their association already knows (a member, an earlier
    // attendee): an unused number and the number of anyone else both answer NOT_FOUND, so that
    // the host cannot learn who exists. Others register themselves.
    ctx.access.authorizeAssociation(session.hostAssociationId, 'MANAGE_SESSIONS');
    personId = await personOfRegistryNumberOrAbsent(ctx, input.registryNumber, 'input.registryNumber');
    await ctx.access.authorizeWrite(personId, 'REGISTER_ATTENDEE');
  } else {
    // the physician themself, or staff of an association the person is a member of
    personId = input.personId!;
    await ctx.access.authorizeWrite(personId, 'REGISTER_FOR_SESSION');
    const visible = await ctx.services.sessions.visibleIds(ctx.viewer, [session.id]);
    if (!visible.has(session.id)) throw notFound(Messages.SESSION_NOT_FOUND);
    // the physician's own registration closes when the session ends (staff may still register)
    if (ctx.viewer.personId === personId && clock.now().getTime() >= sessionEnd(session).getTime())
      throw badInput('input.sessionId', Messages.REGISTRATION_CLOSED);
  }
  refuseCancelled(session);
  const result = await withIdempotency(
    ctx.services.sessions.dataSource,
    {
      operation: 'registerForSession',
      actor: ctx.viewer.sub ?? 'unknown',
      key: input.idempotencyKey,
      payload: { sessionId: session.id, personId },
    },
    async (m) => {
      const locked = await ctx.services.sessions.lock(m, session.id);
      if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
      refuseCancelled(locked);
      if (
        locked.visibility === 'MEMBERS_ONLY' &&
        !(await ctx.services.attendances.isActiveMember(m, personId, locked.hostAssociationId))
      )
        throw new AppError(ErrorCode.FORBIDDEN, Messages.SESSION_MEMBERS_ONLY, {
          field: 'input.sessionId',
        });
      const outcome = await ctx.services.attendances.register(m, locked, personId);
      return { attendanceId: outcome.attendance.id };
    },
  );
  const attendance = await ctx.services.attendances.findById(result.attendanceId);
  if (!attendance) throw notFound(Messages.REGISTRATION_NOT_FOUND);
  return attendance;
}

export async function cancelRegistration(
  ctx: TrainingContext,
  sessionId: string,
  personId: string,
): Promise<AttendanceEntity> {
  if (onlyUuids([personId]).length === 0) throw badInput('personId', Messages.NOT_A_PERSON_ID);
  const session = await loadSession(ctx, sessionId, 'sessionId');
  if (ctx.access.mayOperate(session.hostAssociationId, 'MANAGE_SESSIONS'))
    ctx.access.authorizeAssociation(session.hostAssociationId, 'MANAGE_SESSIONS');
  else await ctx.access.authorizeWrite(personId, 'REGISTER_FOR_SESSION');
  return ctx.services.sessions.dataSource.transaction(async (m) => {
    const locked = await ctx.services.sessions.lock(m, session.id);
    if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
    const [row] = await ctx.services.attendances.inSession(m, session.id, [personId]);
    if (!row || row.status === 'CANCELLED') throw notFound(Messages.NO_REGISTRATION_FOR_SESSION);
    if (row.status === 'ATTENDED') throw conflict(Messages.ATTENDANCE_ALREADY_RECORDED, 'personId');
    const cancelled = await ctx.services.attendances.cancel(m, row);
    if (row.status === 'REGISTERED' && locked.status !== 'CANCELLED')
      await ctx.services.attendances.promoteWaitlisted(m, locked);
    return cancelled;
  });
}

/* ----------------------------------------------------------------------------------------------
 * Attendance
 * ------------------------------------------------------------------------------------------- */

/** Record attendances in one transaction; ledger entries for the rows that changed only. */
async function markAttended(
  ctx: TrainingContext,
  session: TrainingSessionEntity,
  personIds: readonly string[],
  method: CheckInMethod,
): Promise<{ changed: AttendanceEntity[]; rows: AttendanceEntity[] }> {
  return ctx.services.sessions.dataSource.transaction(async (m) => {
    const locked = await ctx.services.sessions.lock(m, session.id);
    if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
    refuseCancelled(locked);
    const changed = await ctx.services.attendances.markAttended(
      m,
      locked,
      personIds,
      method,
      recordedBy(ctx),
      clock.now(),
    );
    await appendCredits(ctx, m, locked, changed);
    const rows = await ctx.services.attendances.inSession(m, locked.id, personIds);
    return { changed, rows };
  });
}

export async function recordAttendance(
  ctx: TrainingContext,
  input: { sessionId: string; personId?: string | null; registryNumber?: string | null },
): Promise<AttendanceEntity> {
  oneOf(input);
  const session = await loadSession(ctx, input.sessionId, 'input.sessionId');
  ctx.access.authorizeAssociation(session.hostAssociationId, 'MANAGE_SESSIONS');
  const personId = input.registryNumber
    ? await personOfRegistryNumberOrAbsent(ctx, input.registryNumber, 'input.registryNumber')
    : input.personId!;
  refuseCancelled(session);
  // the person must be on this host's list (TRAINING_HOST): NOT_FOUND otherwise
  await ctx.access.authorizeWrite(personId, 'RECORD_ATTENDANCE');
  const { rows } = await markAttended(ctx, session, [personId], 'STAFF');
  const row = rows[0];
  if (!row || row.status !== 'ATTENDED')
    throw badInput(
      input.registryNumber ? 'input.registryNumber' : 'input.personId',
      Messages.PHYSICIAN_NOT_REGISTERED,
    );
  return row;
}

export async function checkIn(
  ctx: TrainingContext,
  sessionId: string,
  code: string,
): Promise<AttendanceEntity> {
  const personId = ctx.viewer.personId;
  if (!personId) throw new AppError(ErrorCode.FORBIDDEN, Messages.CHECK_IN_PHYSICIANS_ONLY);
  await ctx.access.authorizeWrite(personId, 'REGISTER_FOR_SESSION');
  const session = await loadSession(ctx, sessionId, 'sessionId');
  refuseCancelled(session);
  const { opens, closes } = checkInWindow(session.startsAt, sessionEnd(session));
  const now = clock.now().getTime();
  if (now < opens.getTime() || now > closes.getTime()) throw badInput('sessionId', Messages.CHECK_IN_WINDOW);
  if (!checkInCodeMatches(session.checkInCode, code)) throw badInput('code', Messages.WRONG_CHECK_IN_CODE);
  const { rows } = await markAttended(ctx, session, [personId], 'SELF_CHECK_IN');
  const row = rows[0];
  if (!row || row.status !== 'ATTENDED') throw badInput('sessionId', Messages.NOT_REGISTERED_FOR_SESSION);
  return row;
}

const NOT_REGISTERED_MESSAGE =
  'この研修会に登録された医師の医籍登録番号ではありません (no physician registered for this session has this registry number)';

/**
 * A CSV of registry numbers: classify every row (with its line number); a dry run stops there,
 * the real run records the MATCHED rows in one transaction and appends their ledger entries —
 * rows already recorded (also by an earlier import of the same file) change nothing.
 */
export async function importAttendanceCsv(
  ctx: TrainingContext,
  input: { sessionId: string; csv: string; dryRun: boolean },
): Promise<ImportReport> {
  const session = await loadSession(ctx, input.sessionId, 'input.sessionId');
  ctx.access.authorizeAssociation(session.hostAssociationId, 'MANAGE_SESSIONS');
  refuseCancelled(session);
  let parsed;
  try {
    parsed = parseRegistryCsv(input.csv);
  } catch (err) {
    throw badInput('input.csv', Messages.CSV_UNREADABLE({ detail: (err as Error).message }));
  }
  if (parsed.length === 0) throw badInput('input.csv', Messages.CSV_NO_ROWS);
  if (parsed.length > MAX_CSV_ROWS)
    throw badInput('input.csv', Messages.CSV_TOO_MANY_ROWS({ max: MAX_CSV_ROWS }));

  const numbers = parsed.filter((r) => !r.problem).map((r) => r.registryNumber!);
  const persons = await ctx.services.attendances.personIdsByRegistryNumbers(numbers);
  const existing = await ctx.services.sessions.dataSource.transaction((m) =>
    ctx.services.attendances.inSession(m, session.id, [...persons.values()]),
  );
  const byPerson = new Map(existing.map((a) => [a.personId, a]));
  const seen = new Set<string>();
  const rows: ImportRow[] = parsed.map((r) => {
    const base = { rowNumber: r.rowNumber, registryNumber: r.registryNumber, personId: null, message: null };
    if (r.problem) return { ...base, status: 'MALFORMED', message: r.problem };
    const n = r.registryNumber!;
    if (seen.has(n)) return { ...base, status: 'DUPLICATE', message: 'Already on an earlier row' };
    seen.add(n);
    // a number nobody holds reads like the number of someone not on this session: whether a
    // physician the host has no relation to exists must not show
    const personId = persons.get(n);
    const a = personId ? byPerson.get(personId) : undefined;
    if (!personId || !a || a.status === 'CANCELLED')
      return { ...base, status: 'NOT_REGISTERED', message: NOT_REGISTERED_MESSAGE };
    if (a.status === 'ATTENDED') return { ...base, status: 'ALREADY_RECORDED', personId };
    return { ...base, status: 'MATCHED', personId };
  });
  const matchedIds = rows.filter((r) => r.status === 'MATCHED').map((r) => r.personId!);
  let applied = 0;
  if (!input.dryRun && matchedIds.length > 0) {
    // every person written to is on the host's list: the write policy (TRAINING_HOST) says so
    await Promise.all(matchedIds.map((id) => ctx.access.authorizeWrite(id, 'RECORD_ATTENDANCE')));
    const { changed } = await markAttended(ctx, session, matchedIds, 'CSV');
    const changedIds = new Set(changed.map((a) => a.personId));
    applied = changed.length;
    // recorded meanwhile by someone else: nothing changed for them
    for (const r of rows)
      if (r.status === 'MATCHED' && !changedIds.has(r.personId!)) r.status = 'ALREADY_RECORDED';
  }
  const matched = rows.filter((r) => r.status === 'MATCHED').length;
  const usable = new Set<ImportRowStatus>(['MATCHED', 'ALREADY_RECORDED']);
  return {
    dryRun: input.dryRun,
    applied,
    matched,
    rejected: rows.filter((r) => !usable.has(r.status)).length,
    rows,
  };
}
