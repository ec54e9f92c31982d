import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, Messages } from '@mamis/platform';
import type { DuesExemptionRuleEntity, DuesInvoiceEntity, FeeScheduleEntity } from '../entities';
import {
  ageOn,
  bandFor,
  billableMonths,
  exemptionFor,
  fiscalYearStart,
  graduationFiscalYear,
  prorate,
} from '../dues/fee-rules';
import type { DuesRepository, InvoiceRunMember } from '../repositories/dues.repository';

/**
 * The invoice run's rule: who of an association's members is invoiced for a fiscal year, for what
 * amount, and under which reference. The dues service (dues.service.ts) authorises, runs it as an
 * office operation and once per idempotency key; the repository reads and writes the rows.
 */

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

export interface InvoiceRunInput {
  associationId: string;
  fiscalYear: number;
  issuedOn: string;
  issuedBy: string;
  /** Only report what would be invoiced: nothing is written. */
  dryRun?: boolean;
  /** Told how many of the invoices to create are written (an office operation's progress). */
  onProgress?: (done: number, total: number) => Promise<void>;
}

/**
 * The invoices a run creates, from what the repository read: one per member not yet invoiced for
 * the year, except the deceased and those without a fee (no schedule for their category, or no
 * band for their age). Category: that of the first membership period overlapping the year (a
 * category change during the year applies from the next year). See fee-rules.ts for ages,
 * exemptions and proration. References are `<FY><6-digit number>` after `lastNumber`.
 */
export function planInvoices(
  input: Pick<InvoiceRunInput, 'associationId' | 'fiscalYear' | 'issuedOn' | 'issuedBy'>,
  members: InvoiceRunMember[],
  schedules: FeeScheduleEntity[],
  rules: DuesExemptionRuleEntity[],
  lastNumber: number,
): { rows: DuesInvoiceEntity[]; existing: number; skipped: InvoiceRunResult['skipped'] } {
  const fy = input.fiscalYear;
  let seq = lastNumber;
  let existing = 0;
  const skipped: InvoiceRunResult['skipped'] = [];
  const rows: DuesInvoiceEntity[] = [];
  for (const mb of members) {
    if (mb.invoiced) {
      existing++;
      continue;
    }
    if (mb.status === 'DECEASED') {
      skipped.push({ personId: mb.person_id, reason: 'DECEASED' });
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
      skipped.push({ personId: mb.person_id, reason: 'NO_FEE_SCHEDULE' });
      continue;
    }
    if (!exemption && !band) {
      skipped.push({ personId: mb.person_id, reason: 'NO_FEE_FOR_AGE' });
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
  return { rows, existing, skipped };
}

/**
 * Invoice every member of the association whose membership overlaps the fiscal year, once per
 * person and year: the unique key (association, person, fiscal year) makes a second run create
 * nothing; runs of one association and year are serialised. In the caller's transaction
 * (withIdempotency's) or a new one.
 */
export async function runInvoices(
  dataSource: DataSource,
  dues: DuesRepository,
  input: InvoiceRunInput,
  manager?: EntityManager,
): Promise<InvoiceRunResult> {
  const fy = input.fiscalYear;
  if (!Number.isInteger(fy) || fy < 1900 || fy > 2200) throw badInput('fiscalYear', Messages.FISCAL_YEAR);
  const work = async (m: EntityManager): Promise<InvoiceRunResult> => {
    await dues.lockInvoiceRun(m, input.associationId, fy);
    const members = await dues.invoiceRunMembers(m, input.associationId, fy);
    const schedules = await dues.feeSchedulesIn(m, input.associationId, fy);
    const rules = await dues.exemptionRulesIn(m, input.associationId);
    const lastNumber = await dues.lastInvoiceNumber(m, input.associationId, fy);
    const { rows, existing, skipped } = planInvoices(input, members, schedules, rules, lastNumber);
    const result: InvoiceRunResult = {
      associationId: input.associationId,
      fiscalYear: fy,
      created: 0,
      exempt: 0,
      existing,
      skipped,
      dryRun: input.dryRun === true,
      planned: [],
    };
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
      const inserted = await dues.insertInvoices(m, chunk);
      for (const r of inserted) createdIds.add(r.id);
      result.created += inserted.length;
      result.exempt += inserted.filter((r) => r.status === 'EXEMPT').length;
      result.existing += chunk.length - inserted.length;
      await input.onProgress?.(i + chunk.length, rows.length);
    }
    result.planned = rows.filter((r) => createdIds.has(r.id));
    return result;
  };
  return manager ? work(manager) : dataSource.transaction(work);
}
