import { randomUUID } from 'node:crypto';
import {
  actorOf,
  AppError,
  badInput,
  clock,
  conflict,
  ErrorCode,
  idempotencyScopeOf,
  Messages,
  notFound,
  onlyUuids,
  tokyoDate,
  withIdempotency,
} from '@mamis/platform';
import type { EntityManager } from 'typeorm';
import type { TrainingWriteContext } from '../context';
import type { AttendanceEntity, CheckInMethod, TrainingSessionEntity } from '../entities';
import { parseRegistryCsv } from '../domain/attendance-csv';
import { checkInCodeMatches, checkInWindow } from '../domain/check-in-code';
import { sessionEnd } from '../domain/session-times';
import { appendCreditEntries, type NewCreditEntry } from './credit-ledger.service';
import { loadSession, refuseCancelled } from './session.service';

/**
 * Registration with a waiting list, attendance (one by one, CSV, self check-in) and the
 * credit-ledger entries attendance earns. Every write first asks the access module
 * (authorizeAssociation / authorizeWrite); nothing here decides access.
 */

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

/** Ledger entries for attendances just recorded: one per credit line of the session. */
async function appendCredits(
  ctx: TrainingWriteContext,
  manager: EntityManager,
  session: TrainingSessionEntity,
  attended: readonly AttendanceEntity[],
): Promise<void> {
  if (attended.length === 0) return;
  const credits = await ctx.services.sessions.creditsOf(manager, session.id);
  const by = actorOf(ctx.viewer);
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
  await appendCreditEntries(ctx, manager, entries);
}

/* ----------------------------------------------------------------------------------------------
 * Registration
 * ------------------------------------------------------------------------------------------- */

/**
 * Register a person (the session row locked by the caller): a seat if one is free, the waiting
 * list otherwise. Already on the list (registered, waiting, attended): unchanged. A cancelled
 * registration is renewed at the end of the queue.
 */
async function register(
  ctx: TrainingWriteContext,
  manager: EntityManager,
  session: TrainingSessionEntity,
  personId: string,
): Promise<AttendanceEntity> {
  const attendances = ctx.services.attendances;
  const [existing] = await attendances.inSession(manager, session.id, [personId]);
  if (existing && existing.status !== 'CANCELLED') return existing;
  const full =
    session.capacity !== null && (await attendances.seatsTaken(manager, session.id)) >= session.capacity;
  return attendances.saveRegistration(
    manager,
    session.id,
    personId,
    full ? 'WAITLISTED' : 'REGISTERED',
    existing?.id ?? null,
  );
}

/**
 * The person of a registry number for a write that needs the person on the viewer's list anyway
 * (authorizeWrite follows): an unused number becomes a random id, so that it meets the same
 * relation query and the same NOT_FOUND as the number of a person the viewer does not see.
 */
async function personOfRegistryNumberOrAbsent(
  ctx: TrainingWriteContext,
  registryNumber: string,
  field: string,
) {
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
  ctx: TrainingWriteContext,
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
    ctx.services.dataSource,
    {
      operation: 'registerForSession',
      actor: idempotencyScopeOf(ctx.viewer),
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
      const attendance = await register(ctx, m, locked, personId);
      return { attendanceId: attendance.id };
    },
  );
  const attendance = await ctx.services.attendances.findById(result.attendanceId);
  if (!attendance) throw notFound(Messages.REGISTRATION_NOT_FOUND);
  return attendance;
}

export async function cancelRegistration(
  ctx: TrainingWriteContext,
  sessionId: string,
  personId: string,
): Promise<AttendanceEntity> {
  if (onlyUuids([personId]).length === 0) throw badInput('personId', Messages.NOT_A_PERSON_ID);
  const session = await loadSession(ctx, sessionId, 'sessionId');
  if (ctx.access.mayOperate(session.hostAssociationId, 'MANAGE_SESSIONS'))
    ctx.access.authorizeAssociation(session.hostAssociationId, 'MANAGE_SESSIONS');
  else await ctx.access.authorizeWrite(personId, 'REGISTER_FOR_SESSION');
  return ctx.services.dataSource.transaction(async (m) => {
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
  ctx: TrainingWriteContext,
  session: TrainingSessionEntity,
  personIds: readonly string[],
  method: CheckInMethod,
): Promise<{ changed: AttendanceEntity[]; rows: AttendanceEntity[] }> {
  return ctx.services.dataSource.transaction(async (m) => {
    const locked = await ctx.services.sessions.lock(m, session.id);
    if (!locked) throw notFound(Messages.SESSION_NOT_FOUND);
    refuseCancelled(locked);
    const changed = await ctx.services.attendances.markAttended(
      m,
      locked,
      personIds,
      method,
      actorOf(ctx.viewer),
      clock.now(),
    );
    await appendCredits(ctx, m, locked, changed);
    const rows = await ctx.services.attendances.inSession(m, locked.id, personIds);
    return { changed, rows };
  });
}

export async function recordAttendance(
  ctx: TrainingWriteContext,
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
  ctx: TrainingWriteContext,
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
  ctx: TrainingWriteContext,
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
  const existing = await ctx.services.dataSource.transaction((m) =>
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
