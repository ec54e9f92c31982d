import type { EntityManager } from 'typeorm';
import { badInput, conflict, Messages, notFound, onlyUuids } from '@mamis/platform';
import type { TrainingWriteContext } from '../context';
import type { CreditEntryEntity, CreditSource } from '../entities';

/**
 * The credit ledger's rules, for every write that appends to it (attendance recording, manual
 * entries, corrections): entries are checked here, then written through the credit-ledger
 * repository in the caller's transaction (the SAME `manager` as the rest of the write). The ledger
 * is append-only: a correction is a reversing entry (`reverseCreditEntries`), never an UPDATE or
 * DELETE — the database refuses both. Programme codes and their codes are rows of
 * training.training_program (CME: curriculum codes '1'..'84'; OCCUPATIONAL: BASIC_EARLY,
 * BASIC_PRACTICAL, BASIC_LATE, CONTINUING_UPDATE, CONTINUING_PRACTICAL, CONTINUING_SPECIALIST;
 * OWN: any code). An unknown one is BAD_USER_INPUT.
 */

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

/** What the ledger's rules need of a request: its repositories. */
export type CreditLedgerContext = Pick<TrainingWriteContext, 'services'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is `units` a positive multiple of 0.5 (the smallest unit: 30 minutes)? */
export const isHalfUnitStep = (units: number) =>
  Number.isFinite(units) && units > 0 && units <= 9999 && Number.isInteger(units * 2);

/**
 * One entry's own fields (no database): units (0.5 steps, > 0), the date, and the source's
 * required fields; the error's field path is `<path>.<field>`.
 */
export function validateCreditEntry(e: NewCreditEntry, path: string): void {
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

/**
 * Append entries (all or none) in the caller's transaction. Validates each entry, then that its
 * programme exists and knows its code (CME: the 84 curriculum codes; an empty code list: any
 * code); the field path of an error is `entries.<i>.<field>`.
 */
export async function appendCreditEntries(
  ctx: CreditLedgerContext,
  manager: EntityManager,
  entries: readonly NewCreditEntry[],
): Promise<CreditEntryEntity[]> {
  if (entries.length === 0) return [];
  entries.forEach((e, i) => validateCreditEntry(e, `entries.${i}`));
  const ledger = ctx.services.creditLedger;
  const known = await ledger.programCodes(
    manager,
    entries.map((e) => e.programCode),
  );
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
  return ledger.insertEntries(
    manager,
    entries.map((e) => ({
      personId: e.personId,
      programCode: e.programCode,
      code: e.code,
      units: e.units,
      earnedOn: e.earnedOn,
      source: e.source,
      sessionId: e.sessionId ?? null,
      evidence: e.evidence?.trim() || null,
      recordedBy: e.recordedBy,
    })),
  );
}

/**
 * Reverse entries in the caller's transaction: for each, a new entry with the negated units
 * (`reverses_entry_id` = the original, the reason as evidence). A reason is required; every entry
 * must exist (NOT_FOUND); an entry is reversed at most once and reversing entries themselves
 * cannot be reversed (CONFLICT).
 */
export async function reverseCreditEntries(
  ctx: CreditLedgerContext,
  manager: EntityManager,
  entryIds: readonly string[],
  reason: string,
  recordedBy: string,
): Promise<CreditEntryEntity[]> {
  if (!reason.trim()) throw badInput('reason', Messages.REVERSAL_REASON_REQUIRED);
  const ids = onlyUuids(entryIds);
  if (ids.length === 0) return [];
  const ledger = ctx.services.creditLedger;
  const originals = await ledger.lockByIds(manager, ids);
  if (originals.length !== new Set(ids).size) throw notFound(Messages.CREDIT_ENTRY_NOT_FOUND);
  const already = await ledger.countReversalsOf(manager, ids);
  if (already > 0 || originals.some((o) => o.reversesEntryId))
    throw conflict(Messages.ALREADY_REVERSED, 'entryId');
  return ledger.insertReversals(manager, originals, reason.trim(), recordedBy);
}
