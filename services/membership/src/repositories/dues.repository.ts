import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, Messages, notFound, onlyUuids } from '@mamis/platform';
import {
  DuesExemptionRuleEntity,
  DuesInvoiceEntity,
  DuesPaymentEntity,
  FeeScheduleEntity,
  MembershipCategoryEntity,
} from '../entities';
import { kanaKey, type BankRow } from '../dues/bank-csv';
import {
  ageOn,
  bandFor,
  bandsOverlap,
  billableMonths,
  exemptionFor,
  fiscalYearEnd,
  fiscalYearStart,
  graduationFiscalYear,
  prorate,
  type FeeBand,
} from '../dues/fee-rules';

/** Invoices written per statement (and per progress report of an office operation). */
const INVOICE_CHUNK = 200;

/** Why a member got no invoice in a run. */
export type InvoiceSkipReason = 'NO_FEE_SCHEDULE' | 'NO_FEE_FOR_AGE' | 'DECEASED';

export interface InvoiceRunResult {
  associationId: string;
  fiscalYear: number;
  /** Invoices created by this run (exempt ones included). */
  created: number;
  /** Of those, exempt (amount 0). */
  exempt: number;
  /** Members that already had an invoice for the year (nothing new created for them). */
  existing: number;
  skipped: { personId: string; reason: InvoiceSkipReason }[];
  dryRun: boolean;
  /** The invoices created (a dry run: that a run would create). */
  planned: DuesInvoiceEntity[];
}

/** Reason codes of a bank-CSV row that was not matched to an invoice. */
export type ImportRowReason =
  | 'INVALID_DATE'
  | 'INVALID_AMOUNT'
  | 'NO_REFERENCE_OR_PAYER'
  | 'ALREADY_IMPORTED'
  | 'DUPLICATE_IN_FILE'
  | 'UNKNOWN_REFERENCE'
  | 'UNKNOWN_PAYER'
  | 'AMBIGUOUS_PAYER'
  | 'INVOICE_NOT_OPEN'
  | 'AMOUNT_MISMATCH'
  | 'INVOICE_ALREADY_MATCHED'
  | 'CANCELLED_TRANSFER';

const REASON_TEXT: Record<ImportRowReason, string> = {
  INVALID_DATE: '取引日が日付として読めません / the date is not a valid date',
  INVALID_AMOUNT: '金額が正の整数(円)ではありません / the amount is not a positive whole number of yen',
  NO_REFERENCE_OR_PAYER: '参照番号も振込依頼人名もありません / neither a reference nor a payer name',
  ALREADY_IMPORTED: 'この取引番号は取込済みです / this bank transaction was already imported',
  DUPLICATE_IN_FILE:
    'ファイル内で取引番号が重複しています / the same transaction appears earlier in the file',
  UNKNOWN_REFERENCE: '参照番号に該当する請求がありません / no invoice of this association has this reference',
  UNKNOWN_PAYER: '振込依頼人名に該当する未納の請求がありません / no open invoice of a member with this name',
  AMBIGUOUS_PAYER: '同名の未納者が複数います / several members with open invoices have this name',
  INVOICE_NOT_OPEN: 'この請求は納付済みまたは免除です / the invoice is already paid or exempt',
  AMOUNT_MISMATCH: '金額が未納額を超えています / the amount is more than the amount outstanding',
  INVOICE_ALREADY_MATCHED:
    'この請求はファイル内の前の行で完納済みです / earlier rows of the file already pay this invoice in full',
  CANCELLED_TRANSFER: 'この振込は取消されています（取消区分） / the bank cancelled this transfer',
};

export interface ImportRowResult {
  rowNumber: number;
  matched: boolean;
  reason: ImportRowReason | null;
  message: string | null;
  paidOn: string | null;
  amountYen: number | null;
  payer: string | null;
  reference: string | null;
  transactionId: string | null;
  invoiceId: string | null;
  /** The amount outstanding on the invoice found before this row (AMOUNT_MISMATCH: the most it takes). */
  expectedYen: number | null;
  /** Matched: what remains outstanding after this row (0: paid in full; more: a partial payment). */
  balanceYen: number | null;
}

export interface ImportReport {
  associationId: string;
  dryRun: boolean;
  applied: boolean;
  totalRows: number;
  matchedCount: number;
  unmatchedCount: number;
  matchedAmountYen: number;
  rows: ImportRowResult[];
}

interface OpenInvoiceRow {
  id: string;
  person_id: string;
  reference: string;
  status: string;
  amount_yen: number;
  paid_yen: number;
  kana: string;
}

/**
 * Membership categories, fee schedules, exemptions, invoices, payments and the bank-CSV import.
 * Every write runs in one transaction; callers have authorised the association (MANAGE_DUES) or
 * the person (RECORD_DUES) before.
 */
export class DuesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Run `work` in the caller's transaction (e.g. withIdempotency's) or in a new one. */
  private inTransaction<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>) {
    return manager ? work(manager) : this.ds.transaction(work);
  }

  /* ----------------------------------------------------------------- categories and schedules */

  categoriesOf(associationIds: readonly string[]): Promise<MembershipCategoryEntity[]> {
    const ids = onlyUuids(associationIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(MembershipCategoryEntity)
      .find({ where: { associationId: In(ids) }, order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  /** Create or change a category (by association and code). */
  async setCategory(input: {
    associationId: string;
    code: string;
    name: string;
    description?: string | null;
    sortOrder?: number | null;
  }): Promise<MembershipCategoryEntity> {
    // codes are kept as written (NFKC would turn ② into 2)
    const code = input.code.trim();
    if (!code || code.length > 20) throw badInput('input.code', Messages.CATEGORY_CODE_LENGTH);
    if (!input.name.trim()) throw badInput('input.name', Messages.CATEGORY_NAME_REQUIRED);
    return this.ds.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO membership.membership_category (id, association_id, code, name, description, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (association_id, code) DO UPDATE
           SET name = EXCLUDED.name, description = EXCLUDED.description, sort_order = EXCLUDED.sort_order
         RETURNING id`,
        [
          randomUUID(),
          input.associationId,
          code,
          input.name.trim(),
          input.description ?? null,
          input.sortOrder ?? 0,
        ],
      )) as { id: string }[];
      return m.getRepository(MembershipCategoryEntity).findOneByOrFail({ id: row!.id });
    });
  }

  feeSchedules(associationId: string, fiscalYear: number): Promise<FeeScheduleEntity[]> {
    return this.ds.getRepository(FeeScheduleEntity).find({
      where: { associationId, fiscalYear },
      order: { categoryCode: 'ASC', minAge: { direction: 'ASC', nulls: 'FIRST' } },
    });
  }

  /**
   * Replace the fee bands of one category for one fiscal year. Bands must not overlap; amounts are
   * whole yen ≥ 0; the category must exist at the association.
   */
  async setFeeSchedule(input: {
    associationId: string;
    categoryCode: string;
    fiscalYear: number;
    bands: FeeBand[];
  }): Promise<FeeScheduleEntity[]> {
    if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < 1900 || input.fiscalYear > 2200)
      throw badInput('input.fiscalYear', Messages.FISCAL_YEAR);
    if (!input.bands.length) throw badInput('input.bands', Messages.FEE_BANDS_REQUIRED);
    input.bands.forEach((b, i) => {
      if (!Number.isSafeInteger(b.annualFeeYen) || b.annualFeeYen < 0 || b.annualFeeYen > 10_000_000)
        throw badInput(`input.bands.${i}.annualFeeYen`, Messages.ANNUAL_FEE_YEN);
      for (const k of ['minAge', 'maxAge'] as const)
        if (b[k] !== null && (!Number.isInteger(b[k]) || b[k]! < 0 || b[k]! > 150))
          throw badInput(`input.bands.${i}.${k}`, Messages.AGE_RANGE);
      if (b.minAge !== null && b.maxAge !== null && b.minAge > b.maxAge)
        throw badInput(`input.bands.${i}.maxAge`, Messages.MAX_AGE_BELOW_MIN);
      input.bands.slice(0, i).forEach((other) => {
        if (bandsOverlap(b, other)) throw badInput(`input.bands.${i}`, Messages.AGE_BANDS_OVERLAP);
      });
    });
    return this.ds.transaction(async (m) => {
      const exists = (await m.query(
        'SELECT 1 FROM membership.membership_category WHERE association_id = $1 AND code = $2',
        [input.associationId, input.categoryCode],
      )) as unknown[];
      if (!exists.length) throw badInput('input.categoryCode', Messages.UNKNOWN_MEMBERSHIP_CATEGORY);
      await m.query(
        'DELETE FROM membership.fee_schedule WHERE association_id = $1 AND category_code = $2 AND fiscal_year = $3',
        [input.associationId, input.categoryCode, input.fiscalYear],
      );
      const repo = m.getRepository(FeeScheduleEntity);
      await repo.insert(
        input.bands.map((b) => ({
          id: randomUUID(),
          associationId: input.associationId,
          categoryCode: input.categoryCode,
          fiscalYear: input.fiscalYear,
          minAge: b.minAge,
          maxAge: b.maxAge,
          annualFeeYen: b.annualFeeYen,
        })),
      );
      return repo.find({
        where: {
          associationId: input.associationId,
          categoryCode: input.categoryCode,
          fiscalYear: input.fiscalYear,
        },
        order: { minAge: { direction: 'ASC', nulls: 'FIRST' } },
      });
    });
  }

  exemptionRules(associationId: string): Promise<DuesExemptionRuleEntity[]> {
    return this.ds
      .getRepository(DuesExemptionRuleEntity)
      .find({ where: { associationId }, order: { categoryCode: 'ASC', fromFiscalYear: 'ASC' } });
  }

  exemptionRulesOf(associationIds: readonly string[]): Promise<DuesExemptionRuleEntity[]> {
    const ids = onlyUuids(associationIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(DuesExemptionRuleEntity).findBy({ associationId: In(ids) });
  }

  async addExemptionRule(input: Omit<DuesExemptionRuleEntity, 'id'>): Promise<DuesExemptionRuleEntity> {
    if (
      !Number.isInteger(input.yearsAfterGraduation) ||
      input.yearsAfterGraduation < 1 ||
      input.yearsAfterGraduation > 50
    )
      throw badInput('input.yearsAfterGraduation', Messages.YEARS_AFTER_GRADUATION);
    if (input.toFiscalYear !== null && input.toFiscalYear < input.fromFiscalYear)
      throw badInput('input.toFiscalYear', Messages.TO_FISCAL_YEAR_BEFORE_FROM);
    if (!input.description.trim())
      throw badInput('input.description', Messages.EXEMPTION_DESCRIPTION_REQUIRED);
    return this.ds.transaction(async (m) => {
      const exists = (await m.query(
        'SELECT 1 FROM membership.membership_category WHERE association_id = $1 AND code = $2',
        [input.associationId, input.categoryCode],
      )) as unknown[];
      if (!exists.length) throw badInput('input.categoryCode', Messages.UNKNOWN_MEMBERSHIP_CATEGORY);
      const row = { ...input, id: randomUUID() };
      await m.getRepository(DuesExemptionRuleEntity).insert(row);
      return row;
    });
  }

  /* ------------------------------------------------------------------------------- invoices */

  invoicesByPersonIds(personIds: readonly string[]): Promise<DuesInvoiceEntity[]> {
    const ids = onlyUuids(personIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(DuesInvoiceEntity)
      .find({ where: { personId: In(ids) }, order: { fiscalYear: 'DESC', associationId: 'ASC' } });
  }

  invoicesByIds(invoiceIds: readonly string[]): Promise<DuesInvoiceEntity[]> {
    const ids = onlyUuids(invoiceIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(DuesInvoiceEntity).findBy({ id: In(ids) });
  }

  paymentsByInvoiceIds(invoiceIds: readonly string[]): Promise<DuesPaymentEntity[]> {
    const ids = onlyUuids(invoiceIds);
    if (!ids.length) return Promise.resolve([]);
    return this.ds
      .getRepository(DuesPaymentEntity)
      .find({ where: { invoiceId: In(ids) }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  invoiceByReference(associationId: string, reference: string): Promise<DuesInvoiceEntity | null> {
    return this.ds.getRepository(DuesInvoiceEntity).findOneBy({ associationId, reference });
  }

  findInvoice(id: string): Promise<DuesInvoiceEntity | null> {
    if (!onlyUuids([id]).length) return Promise.resolve(null);
    return this.ds.getRepository(DuesInvoiceEntity).findOneBy({ id });
  }

  /**
   * Invoice every member of the association whose membership overlaps the fiscal year, once per
   * person and year: the unique key (association, person, fiscal year) with ON CONFLICT DO NOTHING
   * makes a second run create nothing. Category: that of the first membership period overlapping
   * the year (a category change during the year applies from the next year). See fee-rules.ts
   * for ages, exemptions and proration. References are `<FY><6-digit number>`, numbered per
   * association and year under an advisory lock.
   */
  async generateInvoices(
    input: {
      associationId: string;
      fiscalYear: number;
      issuedOn: string;
      issuedBy: string;
      /** Only report what would be invoiced: nothing is written. */
      dryRun?: boolean;
      /** Told how many of the invoices to create are written (an office operation's progress). */
      onProgress?: (done: number, total: number) => Promise<void>;
    },
    manager?: EntityManager,
  ): Promise<InvoiceRunResult> {
    const fy = input.fiscalYear;
    if (!Number.isInteger(fy) || fy < 1900 || fy > 2200) throw badInput('fiscalYear', Messages.FISCAL_YEAR);
    return this.inTransaction(manager, async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dues:${input.associationId}:${fy}`]);
      const members = (await m.query(
        `SELECT DISTINCT ON (ms.person_id)
                ms.person_id::text AS person_id, ms.category, ms.joined_on::text AS joined_on,
                ms.status, ms.left_on::text AS left_on, p.birth_date::text AS birth_date,
                p.graduation_year, p.registry_date::text AS registry_date,
                EXISTS (SELECT 1 FROM membership.dues_invoice i
                        WHERE i.association_id = ms.association_id AND i.person_id = ms.person_id
                          AND i.fiscal_year = $2) AS invoiced
         FROM membership.membership ms
         JOIN membership.person p ON p.id = ms.person_id
         WHERE ms.association_id = $1 AND ms.joined_on <= $4::date
           AND (ms.left_on IS NULL OR ms.left_on >= $3::date)
         ORDER BY ms.person_id, ms.joined_on, ms.id`,
        [input.associationId, fy, fiscalYearStart(fy), fiscalYearEnd(fy)],
      )) as {
        person_id: string;
        category: string;
        joined_on: string;
        status: string;
        birth_date: string;
        graduation_year: number | null;
        registry_date: string | null;
        invoiced: boolean;
      }[];
      const schedules = await m
        .getRepository(FeeScheduleEntity)
        .findBy({ associationId: input.associationId, fiscalYear: fy });
      const rules = await m
        .getRepository(DuesExemptionRuleEntity)
        .findBy({ associationId: input.associationId });
      const [seqRow] = (await m.query(
        `SELECT coalesce(max(substring(reference from 5)::int), 0) AS n FROM membership.dues_invoice
         WHERE association_id = $1 AND fiscal_year = $2`,
        [input.associationId, fy],
      )) as { n: number }[];
      let seq = Number(seqRow?.n ?? 0);
      const result: InvoiceRunResult = {
        associationId: input.associationId,
        fiscalYear: fy,
        created: 0,
        exempt: 0,
        existing: 0,
        skipped: [],
        dryRun: input.dryRun === true,
        planned: [],
      };
      const rows: DuesInvoiceEntity[] = [];
      for (const mb of members) {
        if (mb.invoiced) {
          result.existing++;
          continue;
        }
        if (mb.status === 'DECEASED') {
          result.skipped.push({ personId: mb.person_id, reason: 'DECEASED' });
          continue;
        }
        const months = billableMonths(fy, mb.joined_on);
        const bands = schedules.filter((s) => s.categoryCode === mb.category);
        const band = bandFor(bands, ageOn(mb.birth_date, fiscalYearStart(fy)));
        const exemption = exemptionFor(
          rules,
          mb.category,
          fy,
          graduationFiscalYear(mb.graduation_year, mb.registry_date),
        );
        if (!exemption && !bands.length) {
          result.skipped.push({ personId: mb.person_id, reason: 'NO_FEE_SCHEDULE' });
          continue;
        }
        if (!exemption && !band) {
          result.skipped.push({ personId: mb.person_id, reason: 'NO_FEE_FOR_AGE' });
          continue;
        }
        const annual = band?.annualFeeYen ?? 0;
        const amount = exemption ? 0 : prorate(annual, months);
        rows.push({
          id: randomUUID(),
          associationId: input.associationId,
          personId: mb.person_id,
          fiscalYear: fy,
          categoryCode: mb.category,
          annualFeeYen: annual,
          months,
          amountYen: amount,
          paidYen: 0,
          status: exemption ? 'EXEMPT' : amount === 0 ? 'PAID' : 'OPEN',
          exemptionRuleId: exemption?.id ?? null,
          reference: `${fy}${String(++seq).padStart(6, '0')}`,
          issuedOn: input.issuedOn,
          issuedBy: input.issuedBy,
        } as DuesInvoiceEntity);
      }
      if (result.dryRun) {
        result.planned = rows;
        result.created = rows.length;
        result.exempt = rows.filter((r) => r.status === 'EXEMPT').length;
        return result;
      }
      const createdIds = new Set<string>();
      await input.onProgress?.(0, rows.length);
      for (let i = 0; i < rows.length; i += INVOICE_CHUNK) {
        const chunk = rows.slice(i, i + INVOICE_CHUNK);
        const inserted = (await m.query(
          `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
             annual_fee_yen, months, amount_yen, paid_yen, status, exemption_rule_id, reference, issued_on, issued_by)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::smallint[],
             $8::int[], $9::int[], $10::text[], $11::uuid[], $12::text[], $13::date[], $14::text[])
           ON CONFLICT (association_id, person_id, fiscal_year) DO NOTHING
           RETURNING id::text AS id, status`,
          [
            chunk.map((r) => r.id),
            chunk.map((r) => r.associationId),
            chunk.map((r) => r.personId),
            chunk.map((r) => r.fiscalYear),
            chunk.map((r) => r.categoryCode),
            chunk.map((r) => r.annualFeeYen),
            chunk.map((r) => r.months),
            chunk.map((r) => r.amountYen),
            chunk.map((r) => r.paidYen),
            chunk.map((r) => r.status),
            chunk.map((r) => r.exemptionRuleId),
            chunk.map((r) => r.reference),
            chunk.map((r) => r.issuedOn),
            chunk.map((r) => r.issuedBy),
          ],
        )) as { id: string; status: string }[];
        for (const r of inserted) createdIds.add(r.id);
        result.created += inserted.length;
        result.exempt += inserted.filter((r) => r.status === 'EXEMPT').length;
        result.existing += chunk.length - inserted.length;
        await input.onProgress?.(i + chunk.length, rows.length);
      }
      result.planned = rows.filter((r) => createdIds.has(r.id));
      return result;
    });
  }

  /* ------------------------------------------------------------------------------- payments */

  /** Record one payment against an invoice (at most the amount outstanding). */
  async recordPayment(input: {
    invoiceId: string;
    amountYen: number;
    paidOn: string;
    note?: string | null;
    recordedBy: string;
  }): Promise<DuesPaymentEntity> {
    if (!Number.isSafeInteger(input.amountYen) || input.amountYen <= 0)
      throw badInput('input.amountYen', Messages.PAYMENT_AMOUNT_YEN);
    return this.ds.transaction(async (m) => {
      const invoice = await lockInvoice(m, input.invoiceId);
      if (!invoice) throw notFound(Messages.INVOICE_NOT_FOUND);
      if (invoice.status !== 'OPEN') throw badInput('input.invoiceId', Messages.INVOICE_NOT_OPEN);
      const outstanding = invoice.amount_yen - invoice.paid_yen;
      if (input.amountYen > outstanding)
        throw badInput('input.amountYen', Messages.PAYMENT_EXCEEDS_OUTSTANDING({ outstanding }));
      return applyPayment(m, invoice, {
        amountYen: input.amountYen,
        paidOn: input.paidOn,
        method: 'MANUAL',
        bankTransactionId: null,
        note: input.note ?? null,
        recordedBy: input.recordedBy,
      });
    });
  }

  /**
   * Match bank-statement rows to the association's invoices: by reference (the invoice number the
   * member quoted, also read from leading digits of the payer name), else by the payer's kana name
   * against members with an open invoice. A row matches when exactly one open invoice is found and
   * the amount is at most what is outstanding (after earlier rows of the file): less leaves a
   * balance (a partial payment, the invoice stays OPEN), more is AMOUNT_MISMATCH. Dry run: the report only. Real run: the same report,
   * computed inside ONE transaction with the invoices locked, and exactly the matched rows applied
   * in it (all or nothing).
   */
  importPayments(
    input: {
      associationId: string;
      rows: BankRow[];
      dryRun: boolean;
      recordedBy: string;
      /** Called in the real run with the persons about to be paid for, before anything is written. */
      beforeApply?: (personIds: string[]) => Promise<void>;
      /** Told how many of the matched payments are recorded (an office operation's progress). */
      onProgress?: (done: number, total: number) => Promise<void>;
    },
    manager?: EntityManager,
  ): Promise<ImportReport> {
    return this.inTransaction(manager, async (m) => {
      const { associationId } = input;
      const rows = input.rows.map((r) => {
        if (r.reference || !r.payer) return r;
        const lead = /^(\d{6,})\s*(.*)$/.exec(r.payer);
        return lead ? { ...r, reference: lead[1]!, payer: lead[2] || null } : r;
      });
      const refs = [...new Set(rows.map((r) => r.reference).filter((x): x is string => !!x))];
      const byRef = new Map<string, OpenInvoiceRow>();
      const lock = input.dryRun ? '' : 'FOR UPDATE OF i';
      for (const r of (await m.query(
        `SELECT i.id::text AS id, i.person_id::text AS person_id, i.reference, i.status, i.amount_yen, i.paid_yen,
                p.family_name_kana || p.given_name_kana AS kana
         FROM membership.dues_invoice i JOIN membership.person p ON p.id = i.person_id
         WHERE i.association_id = $1 AND (i.reference = ANY($2::text[]) OR i.status = 'OPEN')
         ORDER BY i.id ${lock}`,
        [associationId, refs],
      )) as OpenInvoiceRow[])
        byRef.set(r.reference, r);
      const byKana = new Map<string, OpenInvoiceRow[]>();
      for (const inv of byRef.values()) {
        if (inv.status !== 'OPEN') continue;
        const k = kanaKey(inv.kana);
        byKana.set(k, [...(byKana.get(k) ?? []), inv]);
      }
      const txIds = rows.map((r) => r.transactionId).filter((x): x is string => !!x);
      const imported = new Set(
        (
          (await m.query(
            `SELECT bank_transaction_id FROM membership.dues_payment
           WHERE association_id = $1 AND bank_transaction_id = ANY($2::text[])`,
            [associationId, txIds],
          )) as { bank_transaction_id: string }[]
        ).map((r) => r.bank_transaction_id),
      );
      const seenTx = new Set<string>();
      /** What earlier rows of this file pay on an invoice (partial payments add up). */
      const paidInFile = new Map<string, number>();
      const outstanding = (inv: OpenInvoiceRow) =>
        inv.amount_yen - inv.paid_yen - (paidInFile.get(inv.id) ?? 0);
      const results: ImportRowResult[] = [];
      const toApply: { row: BankRow; invoice: OpenInvoiceRow }[] = [];
      for (const row of rows) {
        const base: ImportRowResult = {
          rowNumber: row.rowNumber,
          matched: false,
          reason: null,
          message: null,
          paidOn: row.paidOn,
          amountYen: row.amountYen,
          payer: row.payer,
          reference: row.reference,
          transactionId: row.transactionId,
          invoiceId: null,
          expectedYen: null,
          balanceYen: null,
        };
        const fail = (reason: ImportRowReason, invoice?: OpenInvoiceRow) =>
          results.push({
            ...base,
            reason,
            message: REASON_TEXT[reason],
            invoiceId: invoice?.id ?? null,
            expectedYen: invoice ? outstanding(invoice) : null,
          });
        if (row.problem) {
          fail(row.problem);
          continue;
        }
        if (row.transactionId && imported.has(row.transactionId)) {
          fail('ALREADY_IMPORTED');
          continue;
        }
        if (row.transactionId && seenTx.has(row.transactionId)) {
          fail('DUPLICATE_IN_FILE');
          continue;
        }
        if (row.transactionId) seenTx.add(row.transactionId);
        let invoice: OpenInvoiceRow | undefined;
        if (row.reference) {
          invoice = byRef.get(row.reference);
          if (!invoice) {
            fail('UNKNOWN_REFERENCE');
            continue;
          }
        } else {
          const candidates = byKana.get(kanaKey(row.payer!)) ?? [];
          if (candidates.length === 0) {
            fail('UNKNOWN_PAYER');
            continue;
          }
          if (candidates.length > 1) {
            fail('AMBIGUOUS_PAYER');
            continue;
          }
          invoice = candidates[0]!;
        }
        if (invoice.status !== 'OPEN') {
          fail('INVOICE_NOT_OPEN', invoice);
          continue;
        }
        const due = outstanding(invoice);
        if (due <= 0) {
          fail('INVOICE_ALREADY_MATCHED', invoice);
          continue;
        }
        // less than outstanding: a partial payment that leaves a balance; more: refused
        if (row.amountYen! > due) {
          fail('AMOUNT_MISMATCH', invoice);
          continue;
        }
        paidInFile.set(invoice.id, (paidInFile.get(invoice.id) ?? 0) + row.amountYen!);
        results.push({
          ...base,
          matched: true,
          invoiceId: invoice.id,
          expectedYen: due,
          balanceYen: due - row.amountYen!,
        });
        toApply.push({ row, invoice });
      }
      if (!input.dryRun && toApply.length)
        await input.beforeApply?.([...new Set(toApply.map((a) => a.invoice.person_id))]);
      if (!input.dryRun) {
        await input.onProgress?.(0, toApply.length);
        for (const [n, { row, invoice }] of toApply.entries()) {
          await applyPayment(m, invoice, {
            amountYen: row.amountYen!,
            paidOn: row.paidOn!,
            method: 'BANK_TRANSFER',
            bankTransactionId: row.transactionId,
            note: row.payer,
            recordedBy: input.recordedBy,
          });
          await input.onProgress?.(n + 1, toApply.length);
        }
      }
      const matched = results.filter((r) => r.matched);
      return {
        associationId,
        dryRun: input.dryRun,
        applied: !input.dryRun,
        totalRows: results.length,
        matchedCount: matched.length,
        unmatchedCount: results.length - matched.length,
        matchedAmountYen: matched.reduce((s, r) => s + (r.amountYen ?? 0), 0),
        rows: results,
      };
    });
  }

  /* -------------------------------------------------------------------------------- arrears */

  /**
   * Open invoices with an amount outstanding (滞納), of one fiscal year or of every year up to
   * `upToFiscalYear`, oldest year first, then in kana order.
   */
  async arrears(
    associationId: string,
    filter: {
      fiscalYear?: number | null;
      upToFiscalYear?: number | null;
      /** Only invoices whose due date (翌月末 of the issue month, see dueDateOf) is before this day. */
      overdueBefore?: string | null;
    },
  ) {
    const rows = (await this.ds.query(
      `SELECT i.id FROM membership.dues_invoice i JOIN membership.person p ON p.id = i.person_id
       WHERE i.association_id = $1 AND i.status = 'OPEN' AND i.paid_yen < i.amount_yen
         AND ($2::int IS NULL OR i.fiscal_year = $2) AND ($3::int IS NULL OR i.fiscal_year <= $3)
         AND ($4::date IS NULL
              OR (date_trunc('month', i.issued_on::timestamp) + interval '2 months' - interval '1 day')::date < $4::date)
       ORDER BY i.fiscal_year, p.family_name_kana, p.given_name_kana, p.id`,
      [associationId, filter.fiscalYear ?? null, filter.upToFiscalYear ?? null, filter.overdueBefore ?? null],
    )) as { id: string }[];
    if (!rows.length) return [];
    const invoices = await this.ds.getRepository(DuesInvoiceEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(invoices.map((i) => [i.id, i]));
    return rows.map((r) => byId.get(r.id)).filter((i): i is DuesInvoiceEntity => !!i);
  }
}

/** Format of the provision records that reminder runs keep (sendDuesReminders). */
export const REMINDER_FORMAT = 'DUES_REMINDER';

export interface ReminderStats {
  count: number;
  last: Date | null;
}

/** How many reminders each (association, person) got and when the last one was made: one statement. */
export async function reminderStats(
  ds: DataSource,
  keys: readonly { associationId: string; personId: string }[],
): Promise<ReminderStats[]> {
  const persons = onlyUuids(keys.map((k) => k.personId));
  const associations = onlyUuids(keys.map((k) => k.associationId));
  if (!persons.length || !associations.length) return keys.map(() => ({ count: 0, last: null }));
  const rows = (await ds.query(
    `SELECT rp.association_id::text AS a, rp.person_id::text AS p, count(*)::int AS n, max(r.created_at) AS last
     FROM membership.provision_record_person rp
     JOIN membership.provision_record r ON r.id = rp.provision_record_id
     WHERE rp.person_id = ANY($1::uuid[]) AND rp.association_id = ANY($2::uuid[]) AND r.format = $3
     GROUP BY 1, 2`,
    [persons, associations, REMINDER_FORMAT],
  )) as { a: string; p: string; n: number; last: Date }[];
  const byKey = new Map(rows.map((r) => [`${r.a}:${r.p}`, r]));
  return keys.map((k) => {
    const r = byKey.get(`${k.associationId}:${k.personId}`);
    return r ? { count: r.n, last: new Date(r.last) } : { count: 0, last: null };
  });
}

interface LockedInvoice {
  id: string;
  person_id: string;
  association_id?: string;
  status: string;
  amount_yen: number;
  paid_yen: number;
}

async function lockInvoice(m: EntityManager, id: string): Promise<LockedInvoice | undefined> {
  if (!onlyUuids([id]).length) return undefined;
  const [row] = (await m.query(
    `SELECT id::text AS id, person_id::text AS person_id, association_id::text AS association_id, status,
            amount_yen, paid_yen
     FROM membership.dues_invoice WHERE id = $1 FOR UPDATE`,
    [id],
  )) as LockedInvoice[];
  return row;
}

async function applyPayment(
  m: EntityManager,
  invoice: { id: string },
  p: Pick<DuesPaymentEntity, 'amountYen' | 'paidOn' | 'method' | 'bankTransactionId' | 'note' | 'recordedBy'>,
): Promise<DuesPaymentEntity> {
  const [inv] = (await m.query(
    `UPDATE membership.dues_invoice SET paid_yen = paid_yen + $2,
       status = CASE WHEN paid_yen + $2 >= amount_yen THEN 'PAID' ELSE status END
     WHERE id = $1 RETURNING association_id::text AS association_id, person_id::text AS person_id`,
    [invoice.id, p.amountYen],
  )) as
    | [{ association_id: string; person_id: string }[], number]
    | { association_id: string; person_id: string }[];
  const updated = (Array.isArray(inv) ? inv[0] : inv) as { association_id: string; person_id: string };
  const row = {
    id: randomUUID(),
    invoiceId: invoice.id,
    associationId: updated.association_id,
    personId: updated.person_id,
    ...p,
  };
  await m.getRepository(DuesPaymentEntity).insert(row);
  return m.getRepository(DuesPaymentEntity).findOneByOrFail({ id: row.id });
}
