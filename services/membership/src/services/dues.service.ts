import { createHash } from 'node:crypto';
import {
  actorOf,
  associationRecordInScope,
  badInput,
  clock,
  Messages,
  withIdempotency,
} from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import { decodeText, parseBankCsv, type TextEncoding } from '../dues/bank-csv';
import { daysOverdue, dueDateOf } from '../dues/fee-rules';
import { looksLikeZengin, parseZengin } from '../dues/zengin';
import { renderDuesPdf, type DuesPage } from '../documents/dues-pdf';
import { formatPostalCode, printable } from '../mailing/mailing-file';
import { REMINDER_FORMAT } from '../repositories/dues.repository';
import { runInvoices } from './invoice-run.service';
import { runOfficeOperation } from './office-operation.service';
import { importBankPayments } from './payment-matching.service';

/**
 * Dues work of an association office that goes beyond one repository call: invoice runs and bank
 * imports once per idempotency key, and reminder runs (督促). The rules themselves:
 * invoice-run.service.ts (who is invoiced, for what) and payment-matching.service.ts (which invoice
 * a bank row pays). Resolvers stay thin; the repository holds the SQL.
 */

/** Largest bank file accepted (the request body limit is the outer bound). */
const MAX_BANK_FILE_BYTES = 5 * 1024 * 1024;
/** Most invoices one reminder run covers. */
const MAX_REMINDER_INVOICES = 1000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/* -------------------------------------------------------------------------------- invoice run */

export interface InvoiceRunArgs {
  associationId: string;
  fiscalYear: number;
  issuedOn?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

/**
 * The invoice run (MANAGE_DUES). A real run is an office operation (処理状況, office-operation.service.ts):
 * recorded before it starts, its progress visible while it runs. With an idempotency key it runs
 * once per key: the same key again answers the first result (a double press creates nothing twice,
 * even in a year whose invoices could still change between the presses), or CONFLICT while the
 * first press still runs.
 */
export async function generateInvoices(ctx: MembershipWriteContext, args: InvoiceRunArgs) {
  ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
  const input = {
    associationId: args.associationId,
    fiscalYear: args.fiscalYear,
    issuedOn: args.issuedOn ?? clock.today(),
    issuedBy: actorOf(ctx.viewer),
    dryRun: args.dryRun === true,
  };
  if (input.dryRun)
    return { ...(await runInvoices(ctx.services.dataSource, ctx.services.dues, input)), operationId: null };
  const key = args.idempotencyKey ?? null;
  // an office operation (処理状況): committed before the run, progress visible while it runs
  const run = await runOfficeOperation(
    ctx,
    { associationId: args.associationId, kind: 'INVOICE_RUN', idempotencyKey: key },
    (onProgress) => {
      const withProgress = { ...input, onProgress };
      if (key == null) return runInvoices(ctx.services.dataSource, ctx.services.dues, withProgress);
      return withIdempotency(
        ctx.services.dataSource,
        {
          operation: 'generateDuesInvoices',
          actor: actorOf(ctx.viewer),
          key,
          payload: {
            associationId: args.associationId,
            fiscalYear: args.fiscalYear,
            issuedOn: args.issuedOn ?? null,
          },
        },
        (manager) => runInvoices(ctx.services.dataSource, ctx.services.dues, withProgress, manager),
      );
    },
    (r) => ({
      fiscalYear: r.fiscalYear,
      created: r.created,
      exempt: r.exempt,
      existing: r.existing,
      skipped: r.skipped.length,
    }),
  );
  return { ...run.result, operationId: run.operationId };
}

/* ---------------------------------------------------------------------------------- bank file */

export interface ImportPaymentsInput {
  associationId: string;
  csvBase64: string;
  encoding?: TextEncoding | null;
  format?: 'CSV' | 'ZENGIN' | null;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

/**
 * Match a bank file to invoices (MANAGE_DUES). A real run is an office operation (処理状況) and,
 * with a key, records once per key (the same key again: the first report, or CONFLICT while it runs).
 */
export async function importPayments(ctx: MembershipWriteContext, input: ImportPaymentsInput) {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(input.csvBase64)) throw badInput('input.csvBase64', Messages.BASE64_FILE);
  const bytes = Buffer.from(input.csvBase64, 'base64');
  if (bytes.length === 0) throw badInput('input.csvBase64', Messages.FILE_EMPTY);
  if (bytes.length > MAX_BANK_FILE_BYTES) throw badInput('input.csvBase64', Messages.FILE_TOO_LARGE_5MB);
  const zengin = input.format ? input.format === 'ZENGIN' : looksLikeZengin(bytes);
  const rows = zengin
    ? parseZengin(bytes, 'input.csvBase64')
    : parseBankCsv(decodeText(bytes, input.encoding ?? 'UTF8'), 'input.csvBase64');
  const run = {
    associationId: input.associationId,
    rows,
    dryRun: input.dryRun,
    recordedBy: actorOf(ctx.viewer),
    // each payment is a write of the person's DUES: allowed by the policy and audited as such
    beforeApply: async (personIds: string[]) => {
      await Promise.all(personIds.map((id) => ctx.access.authorizeWrite(id, 'RECORD_DUES')));
    },
  };
  if (input.dryRun)
    return {
      ...(await importBankPayments(ctx.services.dataSource, ctx.services.dues, run)),
      operationId: null,
    };
  const key = input.idempotencyKey ?? null;
  // an office operation (処理状況): committed before the import, progress visible while it runs
  const op = await runOfficeOperation(
    ctx,
    { associationId: input.associationId, kind: 'PAYMENT_IMPORT', idempotencyKey: key },
    (onProgress) => {
      const withProgress = { ...run, onProgress };
      if (key == null) return importBankPayments(ctx.services.dataSource, ctx.services.dues, withProgress);
      return withIdempotency(
        ctx.services.dataSource,
        {
          operation: 'importDuesPayments',
          actor: actorOf(ctx.viewer),
          key,
          payload: {
            associationId: input.associationId,
            file: sha256(bytes.toString('base64')),
            encoding: input.encoding ?? 'UTF8',
            format: input.format ?? null,
          },
        },
        (manager) => importBankPayments(ctx.services.dataSource, ctx.services.dues, withProgress, manager),
      );
    },
    (r) => ({
      totalRows: r.totalRows,
      matched: r.matchedCount,
      unmatched: r.unmatchedCount,
      matchedAmountYen: r.matchedAmountYen,
    }),
  );
  return { ...op.result, operationId: op.operationId };
}

/* ---------------------------------------------------------------------------------- reminders */

export interface SendRemindersInput {
  associationId: string;
  invoiceIds: string[];
  recipient: string;
  note?: string | null;
  dryRun: boolean;
  idempotencyKey?: string | null;
}

export type ReminderSkipReason = 'NOT_FOUND' | 'SETTLED' | 'NOT_OVERDUE';

export interface ReminderLine {
  invoiceId: string;
  personId: string;
  outstandingYen: number;
  daysOverdue: number;
}

/** What a reminder run answers (and what its idempotency key keeps: no file content). */
export interface ReminderRun {
  dryRun: boolean;
  lines: ReminderLine[];
  skipped: { invoiceId: string; reason: ReminderSkipReason }[];
  memberCount: number;
  totalOutstandingYen: number;
  provisionRecordId: string | null;
}

const text = (value: string | null | undefined, field: string, required: boolean) => {
  const v = (value ?? '').normalize('NFC').trim();
  if (required && !v) throw badInput(field, Messages.REQUIRED);
  if (v.length > 200) throw badInput(field, Messages.TEXT_TOO_LONG({ max: 200 }));
  return v;
};

/** The items a reminder letter shows, for the provision record. */
export const REMINDER_ITEMS = 'postalCode,address,name,duesOutstanding';

/**
 * Reminders of overdue dues (督促, MANAGE_DUES). Only the association's own invoices within the
 * viewer's DUES scope count (anything else is NOT_FOUND, exactly as an id that does not exist);
 * settled and not-yet-due invoices are skipped. A dry run answers the preview. A real run keeps a
 * provision record (format DUES_REMINDER: who, when, to whom, which members — shown in each
 * member's disclosure and counted in DuesInvoice.reminderCount), audits the export of the members'
 * names, addresses and dues, and answers the letters as a PDF (one page per member). Once per
 * idempotency key: the same key again answers the first run (the letters rendered again), records
 * nothing new.
 */
export async function sendReminders(ctx: MembershipWriteContext, input: SendRemindersInput) {
  ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
  const ids = [...new Set(input.invoiceIds)];
  if (!ids.length) throw badInput('input.invoiceIds', Messages.REMINDER_INVOICES_REQUIRED);
  if (ids.length > MAX_REMINDER_INVOICES)
    throw badInput('input.invoiceIds', Messages.REMINDER_TOO_MANY_INVOICES);
  const recipient = text(input.recipient, 'input.recipient', true);
  const note = text(input.note, 'input.note', false) || null;
  if (!input.dryRun && !input.idempotencyKey)
    throw badInput('input.idempotencyKey', Messages.IDEMPOTENCY_KEY_REQUIRED);

  const plan = async (): Promise<ReminderRun> => {
    const today = clock.today();
    const invoices = await ctx.services.dues.invoicesByIds(ids);
    const byId = new Map(invoices.map((i) => [i.id, i]));
    const lines: ReminderLine[] = [];
    const skipped: ReminderRun['skipped'] = [];
    for (const id of ids) {
      const i = byId.get(id);
      const inScope =
        i &&
        i.associationId === input.associationId &&
        (await ctx.access.recordInScope('DUES', i.personId, (scope) =>
          associationRecordInScope(scope, i, ctx.viewer),
        ));
      if (!i || !inScope) {
        skipped.push({ invoiceId: id, reason: 'NOT_FOUND' });
        continue;
      }
      const outstanding = i.status === 'OPEN' ? i.amountYen - i.paidYen : 0;
      if (outstanding <= 0) {
        skipped.push({ invoiceId: id, reason: 'SETTLED' });
        continue;
      }
      const days = daysOverdue(dueDateOf(i.issuedOn), today);
      if (days <= 0) {
        skipped.push({ invoiceId: id, reason: 'NOT_OVERDUE' });
        continue;
      }
      lines.push({ invoiceId: i.id, personId: i.personId, outstandingYen: outstanding, daysOverdue: days });
    }
    const order = new Map(invoices.map((i) => [i.id, i.fiscalYear]));
    lines.sort((a, b) => order.get(a.invoiceId)! - order.get(b.invoiceId)!);
    return {
      dryRun: input.dryRun,
      lines,
      skipped,
      memberCount: new Set(lines.map((l) => l.personId)).size,
      totalOutstandingYen: lines.reduce((s, l) => s + l.outstandingYen, 0),
      provisionRecordId: null,
    };
  };

  if (input.dryRun) return { ...(await plan()), letters: null };
  const run = await withIdempotency(
    ctx.services.dataSource,
    {
      operation: 'sendDuesReminders',
      actor: actorOf(ctx.viewer),
      key: input.idempotencyKey!,
      payload: { associationId: input.associationId, invoiceIds: [...ids].sort(), recipient, note },
    },
    async (manager) => {
      const planned = await plan();
      if (!planned.lines.length) throw badInput('input.invoiceIds', Messages.NONE_OVERDUE);
      const record = await ctx.services.provisionRecords.record(
        {
          associationId: input.associationId,
          actor: actorOf(ctx.viewer),
          recipient,
          purpose: `会費督促 / dues reminder (${[...new Set(planned.lines.map((l) => l.invoiceId))].length}件)`,
          items: REMINDER_ITEMS,
          format: REMINDER_FORMAT,
          personIds: [...new Set(planned.lines.map((l) => l.personId))],
        },
        manager,
      );
      return { ...planned, provisionRecordId: record.id };
    },
  );
  const personIds = [...new Set(run.lines.map((l) => l.personId))];
  ctx.access.recordExport(personIds, 'IDENTITY');
  ctx.access.recordExport(personIds, 'CONTACT');
  ctx.access.recordExport(personIds, 'DUES');
  const [pdf, provisionRecord, association] = await Promise.all([
    reminderLetters(ctx, input.associationId, run.lines, note),
    ctx.services.provisionRecords.findById(run.provisionRecordId!),
    ctx.loaders.associationById.load(input.associationId),
  ]);
  return {
    ...run,
    letters: {
      filename: `dues-reminders-${association?.code ?? 'association'}-${clock.today()}.pdf`,
      contentType: 'application/pdf',
      encoding: 'binary',
      rowCount: personIds.length,
      contentBase64: pdf.toString('base64'),
      warnings: [],
      // written by this run (or by the run its idempotency key replays): never null
      provisionRecord: provisionRecord!,
    },
  };
}

/** The letters of a reminder run: one page per member with every invoice the run covers. */
async function reminderLetters(
  ctx: MembershipWriteContext,
  associationId: string,
  lines: ReminderLine[],
  note: string | null,
): Promise<Buffer> {
  const [invoices, association, people] = await Promise.all([
    ctx.services.dues.invoicesByIds(lines.map((l) => l.invoiceId)),
    ctx.loaders.associationById.load(associationId),
    ctx.services.provisionRecords.mailingEntries([...new Set(lines.map((l) => l.personId))]),
  ]);
  const invoiceById = new Map(invoices.map((i) => [i.id, i]));
  const today = clock.today();
  const pages: DuesPage[] = people.map((p) => ({
    kind: 'REMINDER',
    associationName: association?.name ?? '',
    memberName: `${printable(p.familyName)} ${printable(p.givenName)}`,
    postalCode: p.postalCode ? formatPostalCode(p.postalCode) : null,
    address: printable(p.address) || null,
    documentDate: today,
    note,
    items: lines
      .filter((l) => l.personId === p.personId)
      .map((l) => {
        const i = invoiceById.get(l.invoiceId)!;
        return {
          reference: i.reference,
          fiscalYear: i.fiscalYear,
          categoryCode: i.categoryCode,
          months: i.months,
          amountYen: i.amountYen,
          paidYen: i.amountYen - l.outstandingYen,
          issuedOn: i.issuedOn,
          dueOn: dueDateOf(i.issuedOn),
        };
      }),
  }));
  return renderDuesPdf(pages, { title: '会費納入のお願い（督促状）', author: association?.name ?? '' });
}
