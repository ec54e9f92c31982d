import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { entityReader, onlyUuids, type EntityReader } from '@mamis/platform';
import { newVerificationCode } from '../domain/verification-code';
import { AttendanceEntity, type CheckInMethod, type TrainingSessionEntity } from '../entities';

/** Statuses that hold a seat (the capacity counts them). */
const SEATED = ['REGISTERED', 'ATTENDED'] as const;

/** Rows of an UPDATE … RETURNING through TypeORM's postgres driver ([rows, count] or rows). */
const returned = (result: unknown): { id: string }[] =>
  Array.isArray(result) && Array.isArray(result[0])
    ? (result[0] as { id: string }[])
    : (result as { id: string }[]);

export class AttendanceRepository {
  private readonly attendances: EntityReader<AttendanceEntity>;
  constructor(private readonly ds: DataSource) {
    this.attendances = entityReader(ds, AttendanceEntity);
  }

  byPersonIds(personIds: readonly string[]): Promise<AttendanceEntity[]> {
    return this.attendances.whereIn('personId', onlyUuids(personIds), [
      ['createdAt', 'DESC'],
      ['id', 'ASC'],
    ]);
  }

  bySessionIds(sessionIds: readonly string[]): Promise<AttendanceEntity[]> {
    const valid = onlyUuids(sessionIds);
    if (valid.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(AttendanceEntity)
      .find({ where: { sessionId: In(valid) }, order: { registeredAt: 'ASC', id: 'ASC' } });
  }

  findById(id: string): Promise<AttendanceEntity | null> {
    if (onlyUuids([id]).length === 0) return Promise.resolve(null);
    return this.ds.getRepository(AttendanceEntity).findOneBy({ id });
  }

  /** The printed name of a person (attendance certificates), from the access view. */
  async personName(personId: string): Promise<string | null> {
    if (onlyUuids([personId]).length === 0) return null;
    const rows = (await this.ds.query(
      'SELECT family_name, given_name FROM access.person_name_v1 WHERE person_id = $1',
      [personId],
    )) as { family_name: string; given_name: string }[];
    return rows[0] ? `${rows[0].family_name} ${rows[0].given_name}` : null;
  }

  /** The attendance's verification code, made on first use (concurrent callers get the same one). */
  async ensureVerificationCode(id: string): Promise<string> {
    await this.ds.query(
      'UPDATE attendance SET verification_code = $2 WHERE id = $1 AND verification_code IS NULL',
      [id, newVerificationCode()],
    );
    const rows = (await this.ds.query('SELECT verification_code FROM attendance WHERE id = $1', [id])) as {
      verification_code: string;
    }[];
    return rows[0]!.verification_code;
  }

  /** An attendance by its printed verification code (canonical form). */
  byVerificationCode(code: string): Promise<AttendanceEntity | null> {
    return this.ds.getRepository(AttendanceEntity).findOneBy({ verificationCode: code });
  }

  /** Registry number (医籍登録番号) → person id, from the access view (one statement). */
  async personIdsByRegistryNumbers(numbers: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(numbers)];
    if (unique.length === 0) return new Map();
    const rows = (await this.ds.query(
      'SELECT registry_number, person_id::text AS person_id FROM access.person_registry_v1 WHERE registry_number = ANY($1::text[])',
      [unique],
    )) as { registry_number: string; person_id: string }[];
    return new Map(rows.map((r) => [r.registry_number, r.person_id]));
  }

  /** Is the person a current member of the association? (access.membership_v1) */
  async isActiveMember(manager: EntityManager, personId: string, associationId: string): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM access.membership_v1 WHERE person_id = $1 AND association_id = $2 AND status = 'ACTIVE' LIMIT 1`,
      [personId, associationId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The attendance rows of one session for these persons (in the caller's transaction). */
  inSession(
    manager: EntityManager,
    sessionId: string,
    personIds: readonly string[],
  ): Promise<AttendanceEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return Promise.resolve([]);
    return manager.find(AttendanceEntity, { where: { sessionId, personId: In(valid) } });
  }

  /** How many attendances of the session hold a seat (REGISTERED or ATTENDED). */
  async seatsTaken(manager: EntityManager, sessionId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM attendance WHERE session_id = $1 AND status = ANY($2::text[])`,
      [sessionId, SEATED],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /**
   * Write a registration (REGISTERED or WAITLISTED) registered now: a new row, or — `renewId`, a
   * cancelled registration of the same person — that row renewed (at the end of the queue).
   */
  async saveRegistration(
    manager: EntityManager,
    sessionId: string,
    personId: string,
    status: 'REGISTERED' | 'WAITLISTED',
    renewId: string | null,
  ): Promise<AttendanceEntity> {
    const now = new Date();
    if (renewId) {
      await manager.update(
        AttendanceEntity,
        { id: renewId },
        {
          status,
          registeredAt: now,
          cancelledAt: null,
          attendedAt: null,
          checkInMethod: null,
          recordedBy: null,
        },
      );
      return (await manager.findOneBy(AttendanceEntity, { id: renewId }))!;
    }
    const id = randomUUID();
    await manager.insert(AttendanceEntity, {
      id,
      sessionId,
      personId,
      status,
      attendedAt: null,
      units: '0',
      registeredAt: now,
      cancelledAt: null,
      checkInMethod: null,
      recordedBy: null,
    });
    return (await manager.findOneBy(AttendanceEntity, { id }))!;
  }

  /** Cancel a registration or a place on the waiting list (the session row locked by the caller). */
  async cancel(manager: EntityManager, attendance: AttendanceEntity): Promise<AttendanceEntity> {
    await manager.update(
      AttendanceEntity,
      { id: attendance.id },
      { status: 'CANCELLED', cancelledAt: new Date() },
    );
    return (await manager.findOneBy(AttendanceEntity, { id: attendance.id }))!;
  }

  /**
   * The waiting list of a session in queue order (registered_at, id), its rows locked for the
   * caller's transaction (the session row locked by the caller too): the ids of at most `limit`
   * rows (null: all of them).
   */
  async waitlistQueue(manager: EntityManager, sessionId: string, limit: number | null): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM attendance WHERE session_id = $1 AND status = 'WAITLISTED'
       ORDER BY registered_at, id ${limit === null ? '' : 'LIMIT $2'} FOR UPDATE`,
      limit === null ? [sessionId] : [sessionId, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Give these waiting registrations a seat (status REGISTERED). Returns the rows changed. */
  async markRegistered(manager: EntityManager, ids: readonly string[]): Promise<AttendanceEntity[]> {
    if (ids.length === 0) return [];
    const rows = (await manager.query(
      `UPDATE attendance SET status = 'REGISTERED' WHERE id = ANY($1::uuid[]) AND status = 'WAITLISTED'
       RETURNING id`,
      [ids],
    )) as unknown;
    const changed = returned(rows).map((r) => r.id);
    return changed.length ? manager.find(AttendanceEntity, { where: { id: In(changed) } }) : [];
  }

  /**
   * Mark registered (or waiting) persons as attended — only rows not attended yet, so a repeated
   * import or a concurrent one changes nothing twice. Returns the rows it changed. `attendedAt`
   * is the business time of the attendance (the caller passes `clock.now()`).
   */
  async markAttended(
    manager: EntityManager,
    session: TrainingSessionEntity,
    personIds: readonly string[],
    method: CheckInMethod,
    recordedBy: string,
    attendedAt: Date,
  ): Promise<AttendanceEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return [];
    const rows = (await manager.query(
      `UPDATE attendance SET status = 'ATTENDED', attended_at = $6, units = $3, check_in_method = $4, recorded_by = $5
       WHERE session_id = $1 AND person_id = ANY($2::uuid[]) AND status IN ('REGISTERED', 'WAITLISTED')
       RETURNING id`,
      [session.id, valid, session.units, method, recordedBy, attendedAt],
    )) as unknown;
    const ids = returned(rows).map((r) => r.id);
    return ids.length ? manager.find(AttendanceEntity, { where: { id: In(ids) } }) : [];
  }
}
