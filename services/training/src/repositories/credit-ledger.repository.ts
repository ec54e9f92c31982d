/**
 * The append-only credit ledger: data access only. The rules (units in 0.5 steps, a known
 * programme and code, the source's required fields, a reversal at most once) are the credit-ledger
 * service's (`services/credit-ledger.service.ts`): attendance recording and manual entries append
 * through it, with the SAME `manager` as the rest of their write. There is no UPDATE or DELETE
 * path, and the database refuses both.
 */
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { onlyUuids } from '@mamis/platform';
import { CreditEntryEntity, type CreditSource } from '../entities';

/** A ledger line as written (the credit-ledger service has checked it). */
export interface CreditEntryRow {
  personId: string;
  programCode: string;
  code: string;
  units: number;
  earnedOn: string;
  source: CreditSource;
  sessionId: string | null;
  evidence: string | null;
  recordedBy: string;
}

export class CreditLedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /** The curriculum codes of these programmes (an empty list: any code), by programme code. */
  async programCodes(
    manager: EntityManager,
    programCodes: readonly string[],
  ): Promise<Map<string, string[]>> {
    const programs = (await manager.query(
      'SELECT code, codes FROM training.training_program WHERE code = ANY($1)',
      [[...new Set(programCodes)]],
    )) as { code: string; codes: string[] }[];
    return new Map(programs.map((p) => [p.code, p.codes]));
  }

  /** Insert entries (one statement) in the caller's transaction. */
  async insertEntries(
    manager: EntityManager,
    entries: readonly CreditEntryRow[],
  ): Promise<CreditEntryEntity[]> {
    if (entries.length === 0) return [];
    const rows = entries.map((e) =>
      manager.create(CreditEntryEntity, {
        id: randomUUID(),
        personId: e.personId,
        programCode: e.programCode,
        code: e.code,
        units: e.units.toFixed(1),
        earnedOn: e.earnedOn,
        source: e.source,
        sessionId: e.sessionId,
        evidence: e.evidence,
        reversesEntryId: null,
        recordedBy: e.recordedBy,
        recordedAt: new Date(),
      }),
    );
    await manager.insert(CreditEntryEntity, rows);
    return rows;
  }

  /** Entries by id, their rows locked for the rest of the caller's transaction. */
  lockByIds(manager: EntityManager, ids: readonly string[]): Promise<CreditEntryEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return manager.find(CreditEntryEntity, { where: { id: In(valid) }, lock: { mode: 'pessimistic_write' } });
  }

  /** How many entries reverse any of these entries. */
  countReversalsOf(manager: EntityManager, ids: readonly string[]): Promise<number> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve(0);
    return manager.count(CreditEntryEntity, { where: { reversesEntryId: In(valid) } });
  }

  /**
   * Insert the reversing entries of `originals`: for each, a new entry with the negated units,
   * same person/program/code/date/source/session, `reverses_entry_id` = the original, the reason
   * as its evidence.
   */
  async insertReversals(
    manager: EntityManager,
    originals: readonly CreditEntryEntity[],
    reason: string,
    recordedBy: string,
  ): Promise<CreditEntryEntity[]> {
    const rows = originals.map((o) =>
      manager.create(CreditEntryEntity, {
        ...o,
        id: randomUUID(),
        units: (-Number(o.units)).toFixed(1),
        evidence: reason,
        reversesEntryId: o.id,
        recordedBy,
        recordedAt: new Date(),
      }),
    );
    await manager.insert(CreditEntryEntity, rows);
    return rows;
  }

  /** Entries of one session not yet reversed (e.g. before recording its attendance again). */
  activeSessionEntries(manager: EntityManager, sessionId: string, personIds: readonly string[]) {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return Promise.resolve([] as CreditEntryEntity[]);
    return manager
      .createQueryBuilder(CreditEntryEntity, 'e')
      .where('e.session_id = :sessionId AND e.person_id IN (:...valid) AND e.reverses_entry_id IS NULL', {
        sessionId,
        valid,
      })
      .andWhere('NOT EXISTS (SELECT 1 FROM training.credit_entry r WHERE r.reverses_entry_id = e.id)')
      .getMany();
  }

  /** Entries by id in the caller's transaction. */
  byIdsIn(manager: EntityManager, ids: readonly string[]): Promise<CreditEntryEntity[]> {
    const valid = onlyUuids(ids);
    if (valid.length === 0) return Promise.resolve([]);
    return manager.findBy(CreditEntryEntity, { id: In(valid) });
  }

  /**
   * Ledger lines of many persons (optionally one program, a date range), oldest first — a raw
   * select mapped to plain rows (no entity hydration: a page holds thousands of lines).
   */
  async byPersonIds(
    personIds: readonly string[],
    filter: { programCode?: string | null; from?: string | null; to?: string | null } = {},
  ): Promise<CreditEntryEntity[]> {
    const valid = onlyUuids(personIds);
    if (valid.length === 0) return [];
    const rows = (await this.ds.query(
      `SELECT id::text, person_id::text, program_code, code, units::text, earned_on, source,
              session_id::text, evidence, reverses_entry_id::text, recorded_by, recorded_at
       FROM training.credit_entry
       WHERE person_id = ANY($1::uuid[])
         AND ($2::text IS NULL OR program_code = $2) AND ($3::date IS NULL OR earned_on >= $3)
         AND ($4::date IS NULL OR earned_on <= $4)
       ORDER BY earned_on, recorded_at, id`,
      [valid, filter.programCode ?? null, filter.from ?? null, filter.to ?? null],
    )) as {
      id: string;
      person_id: string;
      program_code: string;
      code: string;
      units: string;
      earned_on: string;
      source: 'SESSION' | 'MANUAL';
      session_id: string | null;
      evidence: string | null;
      reverses_entry_id: string | null;
      recorded_by: string;
      recorded_at: Date;
    }[];
    return rows.map((r) =>
      Object.assign(new CreditEntryEntity(), {
        id: r.id,
        personId: r.person_id,
        programCode: r.program_code,
        code: r.code,
        units: r.units,
        earnedOn: r.earned_on,
        source: r.source,
        sessionId: r.session_id,
        evidence: r.evidence,
        reversesEntryId: r.reverses_entry_id,
        recordedBy: r.recorded_by,
        recordedAt: r.recorded_at,
      }),
    );
  }
}
