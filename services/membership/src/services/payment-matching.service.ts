import type { DataSource, EntityManager } from 'typeorm';
import { kanaKey, type BankRow } from '../dues/bank-csv';
import { applyPayment, type DuesRepository, type MatchableInvoice } from '../repositories/dues.repository';

/**
 * The bank-file matching rule: which invoice each bank-statement row pays. The dues service
 * (dues.service.ts) authorises, parses the file and runs this as an office operation once per
 * idempotency key; the repository reads the invoices and records the payments.
 */

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

export interface PaymentImportInput {
  associationId: string;
  rows: BankRow[];
  dryRun: boolean;
  recordedBy: string;
  /** Called in the real run with the persons about to be paid for, before anything is written. */
  beforeApply?: (personIds: string[]) => Promise<void>;
  /** Told how many of the matched payments are recorded (an office operation's progress). */
  onProgress?: (done: number, total: number) => Promise<void>;
}

/** A reference read from leading digits of the payer name (`123456 ヤマダ`) when none was given. */
function withReferenceFromPayer(r: BankRow): BankRow {
  if (r.reference || !r.payer) return r;
  const lead = /^(\d{6,})\s*(.*)$/.exec(r.payer);
  return lead ? { ...r, reference: lead[1]!, payer: lead[2] || null } : r;
}

/**
 * Match rows to invoices: by reference (the invoice number the member quoted, also read from
 * leading digits of the payer name), else by the payer's kana name against members with an open
 * invoice. A row matches when exactly one open invoice is found and the amount is at most what is
 * outstanding (after earlier rows of the file): less leaves a balance (a partial payment, the
 * invoice stays OPEN), more is AMOUNT_MISMATCH. `invoices`: the association's invoices with the
 * rows' references and all its open ones; `imported`: the rows' transaction ids already recorded.
 */
export function matchPayments(
  rows: BankRow[],
  invoices: MatchableInvoice[],
  imported: Set<string>,
): { results: ImportRowResult[]; toApply: { row: BankRow; invoice: MatchableInvoice }[] } {
  const byRef = new Map<string, MatchableInvoice>();
  for (const r of invoices) byRef.set(r.reference, r);
  const byKana = new Map<string, MatchableInvoice[]>();
  for (const inv of byRef.values()) {
    if (inv.status !== 'OPEN') continue;
    const k = kanaKey(inv.kana);
    byKana.set(k, [...(byKana.get(k) ?? []), inv]);
  }
  const seenTx = new Set<string>();
  /** What earlier rows of this file pay on an invoice (partial payments add up). */
  const paidInFile = new Map<string, number>();
  const outstanding = (inv: MatchableInvoice) =>
    inv.amount_yen - inv.paid_yen - (paidInFile.get(inv.id) ?? 0);
  const results: ImportRowResult[] = [];
  const toApply: { row: BankRow; invoice: MatchableInvoice }[] = [];
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
    const fail = (reason: ImportRowReason, invoice?: MatchableInvoice) =>
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
    let invoice: MatchableInvoice | undefined;
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
  return { results, toApply };
}

/**
 * Match a bank file's rows to the association's invoices. Dry run: the report only. Real run: the
 * same report, computed inside ONE transaction with the invoices locked, and exactly the matched
 * rows applied in it (all or nothing). In the caller's transaction (withIdempotency's) or a new one.
 */
export function importBankPayments(
  dataSource: DataSource,
  dues: DuesRepository,
  input: PaymentImportInput,
  manager?: EntityManager,
): Promise<ImportReport> {
  const work = async (m: EntityManager): Promise<ImportReport> => {
    const { associationId } = input;
    const rows = input.rows.map(withReferenceFromPayer);
    const refs = [...new Set(rows.map((r) => r.reference).filter((x): x is string => !!x))];
    const invoices = await dues.matchableInvoices(m, associationId, refs, !input.dryRun);
    const txIds = rows.map((r) => r.transactionId).filter((x): x is string => !!x);
    const imported = await dues.importedTransactions(m, associationId, txIds);
    const { results, toApply } = matchPayments(rows, invoices, imported);
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
  };
  return manager ? work(manager) : dataSource.transaction(work);
}
