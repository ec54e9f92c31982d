/**
 * CONTRACT for attendance recording (sessions / attendance): when attendance is
 * recorded, call `CreditLedgerRepository.appendEntries(manager, entries)` with the SAME `manager`
 * as the attendance write (inside its `dataSource.transaction`), one entry per credit line the
 * session offers (`source: 'SESSION'`, `sessionId`, `earnedOn` = the session's Tokyo date). To undo
 * credits (attendance withdrawn / corrected) call `reverseEntries(manager, ids, reason, recordedBy)`:
 * the ledger is append-only — there is no UPDATE or DELETE path, and the database refuses both.
 * Program codes and their codes are rows of training.training_program (CME: curriculum codes
 * '1'..'84'; OCCUPATIONAL: BASIC_EARLY, BASIC_PRACTICAL, BASIC_LATE, CONTINUING_UPDATE,
 * CONTINUING_PRACTICAL, CONTINUING_SPECIALIST; OWN: any code). An unknown one is BAD_USER_INPUT.
 */
import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, conflict, Messages, notFound, onlyUuids } from '@mamis/platform';
import { CreditEntryEntity, type CreditSource } from '../entities';

export interface NewCreditEntry {
  personId: string;
  programCode: string;
  /** Curriculum code (CME) or category (e.g. EARLY_STAGE). */
  code: string;
  /** > 0, in 0.5 steps. */
  units: number;
  /** YYYY-MM-DD (Asia/Tokyo). */
  earnedOn: string;
  source: CreditSource;
  /** Required for SESSION. */
  sessionId?: string | null;
  /** Required for MANUAL (e.g. 'paper logbook FY2022 p.4'). */
  evidence?: string | null;
  /** Who recorded it (actorOf: the acting account). */
  recordedBy: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is `units` a positive multiple of 0.5 (the smallest unit: 30 minutes)? */
export const isHalfUnitStep = (units: number) =>
  Number.isFinite(units) && units > 0 && units <= 9999 && Number.isInteger(units * 2);

export class CreditLedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Append entries (all or none) in the caller's transaction. Validates units (0.5 steps, > 0),
   * dates, and the source's required fields; the field path of an error is `entries.<i>.<field>`.
   */
  async appendEntries(
    manager: EntityManager,
    entries: readonly NewCreditEntry[],
  ): Promise<CreditEntryEntity[]> {
    if (entries.length === 0) return [];
    entries.forEach((e, i) => validate(e, `entries.${i}`));
    // program and code must exist (CME: the 84 curriculum codes; an empty code list: any code)
    const programs = (await manager.query(
      'SELECT code, codes FROM training.training_program WHERE code = ANY($1)',
      [[...new Set(entries.map((e) => e.programCode))]],
    )) as { code: string; codes: string[] }[];
    const known = new Map(programs.map((p) => [p.code, p.codes]));
    entries.forEach((e, i) => {
      const codes = known.get(e.programCode);
      if (!codes)
        throw badInput(`entries.${i}.programCode`, Messages.UNKNOWN_PROGRAM({ program: e.programCode }));
      if (codes.length > 0 && !codes.includes(e.code))
        throw badInput(
          `entries.${i}.code`,
          Messages.CODE_NOT_IN_PROGRAM({ code: e.code, program: e.programCode }),
        );
    });
    const rows = entries.map((e) =>
      manager.create(CreditEntryEntity, {
        id: randomUUID(),
        personId: e.personId,
        programCode: e.programCode,
        code: e.code,
        units: e.units.toFixed(1),
        earnedOn: e.earnedOn,
        source: e.source,
        sessionId: e.sessionId ?? null,
        evidence: e.evidence?.trim() || null,
        reversesEntryId: null,
        recordedBy: e.recordedBy,
        recordedAt: new Date(),
      }),
    );
    await manager.insert(CreditEntryEntity, rows);
    return rows;
  }

  /**
   * Reverse entries: for each, a new entry with the negated units, same person/program/code/date
   * /source/session, `reverses_entry_id` = the original. An entry is reversed at most once
   * (CONFLICT otherwise); reversing entries themselves cannot be reversed.
   */
  async reverseEntries(
    manager: EntityManager,
    entryIds: readonly string[],
    reason: string,
    recordedBy: string,
  ): Promise<CreditEntryEntity[]> {
    if (!reason.trim()) throw badInput('reason', Messages.REVERSAL_REASON_REQUIRED);
    const ids = onlyUuids(entryIds);
    if (ids.length === 0) return [];
    const originals = await manager.find(CreditEntryEntity, {
      where: { id: In(ids) },
      lock: { mode: 'pessimistic_write' },
    });
    if (originals.length !== new Set(ids).size) throw notFound(Messages.CREDIT_ENTRY_NOT_FOUND);
    const already = await manager.count(CreditEntryEntity, { where: { reversesEntryId: In(ids) } });
    if (already > 0 || originals.some((o) => o.reversesEntryId))
      throw conflict(Messages.ALREADY_REVERSED, 'entryId');
    const rows = originals.map((o) =>
      manager.create(CreditEntryEntity, {
        ...o,
        id: randomUUID(),
        units: (-Number(o.units)).toFixed(1),
        evidence: reason.trim(),
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

function validate(e: NewCreditEntry, path: string): void {
  if (onlyUuids([e.personId]).length === 0) throw badInput(`${path}.personId`, Messages.NOT_A_PERSON_ID);
  if (!e.programCode?.trim()) throw badInput(`${path}.programCode`, Messages.PROGRAM_REQUIRED);
  if (!e.code?.trim()) throw badInput(`${path}.code`, Messages.CURRICULUM_CODE_REQUIRED);
  if (!isHalfUnitStep(e.units)) throw badInput(`${path}.units`, Messages.UNITS_HALF_STEP);
  if (!ISO_DATE.test(e.earnedOn)) throw badInput(`${path}.earnedOn`, Messages.EXPECTED_ISO_DATE);
  if (e.source === 'SESSION' && !e.sessionId) throw badInput(`${path}.sessionId`, Messages.SESSION_REQUIRED);
  if (e.source === 'MANUAL' && !e.evidence?.trim())
    throw badInput(`${path}.evidence`, Messages.EVIDENCE_REQUIRED);
  if (e.source !== 'SESSION' && e.source !== 'MANUAL')
    throw badInput(`${path}.source`, Messages.SOURCE_SESSION_OR_MANUAL);
}
