import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { badInput, notFound, onlyUuids } from '@mamis/platform';
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
  | 'INVOICE_ALREADY_MATCHED';

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
  AMOUNT_MISMATCH: '金額が未納額と一致しません / the amount differs from the amount outstanding',
  INVOICE_ALREADY_MATCHED:
    'この請求はファイル内の前の行と照合済みです / an earlier row of the file already pays this invoice',
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
  /** The amount outstanding on the invoice found (AMOUNT_MISMATCH: what was expected). */
  expectedYen: number | null;
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
    if (!code || code.length > 20) throw badInput('input.code', 'A category code has 1 to 20 characters');
    if (!input.name.trim()) throw badInput('input.name', 'A category needs a name');
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
      throw badInput('input.fiscalYear', 'A fiscal year is a year such as 2026 (April 2026 – March 2027)');
    if (!input.bands.length) throw badInput('input.bands', 'At least one fee band is needed');
    input.bands.forEach((b, i) => {
      if (!Number.isSafeInteger(b.annualFeeYen) || b.annualFeeYen < 0 || b.annualFeeYen > 10_000_000)
        throw badInput(
          `input.bands.${i}.annualFeeYen`,
          'The fee is a whole number of yen from 0 to 10,000,000',
        );
      for (const k of ['minAge', 'maxAge'] as const)
        if (b[k] !== null && (!Number.isInteger(b[k]) || b[k]! < 0 || b[k]! > 150))
          throw badInput(`input.bands.${i}.${k}`, 'An age is a whole number from 0 to 150');
      if (b.minAge !== null && b.maxAge !== null && b.minAge > b.maxAge)
        throw badInput(`input.bands.${i}.maxAge`, 'maxAge must not be below minAge');
      input.bands.slice(0, i).forEach((other) => {
        if (bandsOverlap(b, other)) throw badInput(`input.bands.${i}`, 'The age bands overlap');
      });
    });
    return this.ds.transaction(async (m) => {
      const exists = (await m.query(
        'SELECT 1 FROM membership.membership_category WHERE association_id = $1 AND code = $2',
        [input.associationId, input.categoryCode],
      )) as unknown[];
      if (!exists.length)
        throw badInput('input.categoryCode', 'The association has no such membership category');
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
      throw badInput('input.yearsAfterGraduation', 'A whole number of years from 1 to 50');
    if (input.toFiscalYear !== null && input.toFiscalYear < input.fromFiscalYear)
      throw badInput('input.toFiscalYear', 'toFiscalYear must not be before fromFiscalYear');
    if (!input.description.trim()) throw badInput('input.description', 'Describe the exemption');
    return this.ds.transaction(async (m) => {
      const exists = (await m.query(
        'SELECT 1 FROM membership.membership_category WHERE association_id = $1 AND code = $2',
        [input.associationId, input.categoryCode],
      )) as unknown[];
      if (!exists.length)
        throw badInput('input.categoryCode', 'The association has no such membership category');
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
  async generateInvoices(input: {
    associationId: string;
    fiscalYear: number;
    issuedOn: string;
    issuedBy: string;
  }): Promise<InvoiceRunResult> {
    const fy = input.fiscalYear;
    if (!Number.isInteger(fy) || fy < 1900 || fy > 2200)
      throw badInput('fiscalYear', 'A fiscal year is a year such as 2026 (April 2026 – March 2027)');
    return this.ds.transaction(async (m) => {
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
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const inserted = (await m.query(
          `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code,
             annual_fee_yen, months, amount_yen, paid_yen, status, exemption_rule_id, reference, issued_on, issued_by)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::int[], $7::smallint[],
             $8::int[], $9::int[], $10::text[], $11::uuid[], $12::text[], $13::date[], $14::text[])
           ON CONFLICT (association_id, person_id, fiscal_year) DO NOTHING
           RETURNING status`,
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
        )) as { status: string }[];
        result.created += inserted.length;
        result.exempt += inserted.filter((r) => r.status === 'EXEMPT').length;
        result.existing += chunk.length - inserted.length;
      }
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
      throw badInput('input.amountYen', 'The amount is a positive whole number of yen');
    return this.ds.transaction(async (m) => {
      const invoice = await lockInvoice(m, input.invoiceId);
      if (!invoice) throw notFound('Invoice not found');
      if (invoice.status !== 'OPEN')
        throw badInput('input.invoiceId', 'The invoice is already paid or exempt');
      const outstanding = invoice.amount_yen - invoice.paid_yen;
      if (input.amountYen > outstanding)
        throw badInput('input.amountYen', `More than the amount outstanding (${outstanding} yen)`);
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
   * the amount equals what is outstanding. Dry run: the report only. Real run: the same report,
   * computed inside ONE transaction with the invoices locked, and exactly the matched rows applied
   * in it (all or nothing).
   */
  importPayments(input: {
    associationId: string;
    rows: BankRow[];
    dryRun: boolean;
    recordedBy: string;
    /** Called in the real run with the persons about to be paid for, before anything is written. */
    beforeApply?: (personIds: string[]) => Promise<void>;
  }): Promise<ImportReport> {
    return this.ds.transaction(async (m) => {
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
      const usedInvoices = new Set<string>();
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
        };
        const fail = (reason: ImportRowReason, invoice?: OpenInvoiceRow) =>
          results.push({
            ...base,
            reason,
            message: REASON_TEXT[reason],
            invoiceId: invoice?.id ?? null,
            expectedYen: invoice ? invoice.amount_yen - invoice.paid_yen : null,
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
        if (usedInvoices.has(invoice.id)) {
          fail('INVOICE_ALREADY_MATCHED', invoice);
          continue;
        }
        if (row.amountYen !== invoice.amount_yen - invoice.paid_yen) {
          fail('AMOUNT_MISMATCH', invoice);
          continue;
        }
        usedInvoices.add(invoice.id);
        results.push({ ...base, matched: true, invoiceId: invoice.id, expectedYen: row.amountYen });
        toApply.push({ row, invoice });
      }
      if (!input.dryRun && toApply.length)
        await input.beforeApply?.([...new Set(toApply.map((a) => a.invoice.person_id))]);
      if (!input.dryRun)
        for (const { row, invoice } of toApply)
          await applyPayment(m, invoice, {
            amountYen: row.amountYen!,
            paidOn: row.paidOn!,
            method: 'BANK_TRANSFER',
            bankTransactionId: row.transactionId,
            note: row.payer,
            recordedBy: input.recordedBy,
          });
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
    filter: { fiscalYear?: number | null; upToFiscalYear?: number | null },
  ) {
    const rows = (await this.ds.query(
      `SELECT i.id FROM membership.dues_invoice i JOIN membership.person p ON p.id = i.person_id
       WHERE i.association_id = $1 AND i.status = 'OPEN' AND i.paid_yen < i.amount_yen
         AND ($2::int IS NULL OR i.fiscal_year = $2) AND ($3::int IS NULL OR i.fiscal_year <= $3)
       ORDER BY i.fiscal_year, p.family_name_kana, p.given_name_kana, p.id`,
      [associationId, filter.fiscalYear ?? null, filter.upToFiscalYear ?? null],
    )) as { id: string }[];
    if (!rows.length) return [];
    const invoices = await this.ds.getRepository(DuesInvoiceEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(invoices.map((i) => [i.id, i]));
    return rows.map((r) => byId.get(r.id)).filter((i): i is DuesInvoiceEntity => !!i);
  }
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
