import { associationRecordInScope, badInput, clock, Messages } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { AssociationEntity, DuesInvoiceEntity, DuesPaymentEntity, PersonEntity } from '../entities';
import { daysOverdue, dueDateOf, type FeeBand } from '../dues/fee-rules';
import type { InvoiceRunResult } from '../services/invoice-run.service';
import type { ImportRowResult } from '../services/payment-matching.service';
import { recordDuesPayment } from '../services/dues-payment.service';
import { addExemptionRule, setCategory, setFeeSchedule } from '../services/dues-settings.service';
import {
  generateInvoices,
  importPayments,
  sendReminders,
  type ImportPaymentsInput,
  type InvoiceRunArgs,
  type ReminderLine,
  type SendRemindersInput,
} from '../services/dues.service';

/** A person for a nested field: null (absent) when the viewer does not see them. */
const personIfVisible = async (ctx: MembershipContext, personId: string) =>
  (await ctx.access.visible(personId)) ? ctx.loaders.personById.load(personId) : null;

export const duesAssociationResolvers = {
  membershipCategories: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.membershipCategoriesByAssociationId.load(a.id),
  feeSchedules: (a: AssociationEntity, args: { fiscalYear: number }, ctx: MembershipContext) =>
    ctx.services.dues.feeSchedules(a.id, args.fiscalYear),
  duesExemptionRules: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.exemptionRulesByAssociationId.load(a.id),
};

export const duesPersonResolvers = {
  /** The DUES group; the field's record rule narrows it to the viewer's scope (OWN_ASSOCIATION: its own). */
  dues: (p: PersonEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.duesInvoicesByPersonId.load(p.id),
};

export const duesInvoiceResolvers = {
  association: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.associationById.load(i.associationId),
  person: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) => personIfVisible(ctx, i.personId),
  outstandingYen: (i: DuesInvoiceEntity) => (i.status === 'OPEN' ? i.amountYen - i.paidYen : 0),
  exemptionRule: async (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    i.exemptionRuleId
      ? ((await ctx.loaders.exemptionRulesByAssociationId.load(i.associationId)).find(
          (r) => r.id === i.exemptionRuleId,
        ) ?? null)
      : null,
  payments: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.duesPaymentsByInvoiceId.load(i.id),
  dueOn: (i: DuesInvoiceEntity) => dueDateOf(i.issuedOn),
  daysOverdue: (i: DuesInvoiceEntity) =>
    i.status === 'OPEN' && i.paidYen < i.amountYen ? daysOverdue(dueDateOf(i.issuedOn), clock.today()) : 0,
  reminderCount: async (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    (await ctx.loaders.duesReminderStats.load(`${i.associationId}:${i.personId}`)).count,
  lastRemindedAt: async (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    (await ctx.loaders.duesReminderStats.load(`${i.associationId}:${i.personId}`)).last,
  /** A link only after the invoice is checked against the viewer's DUES scope again. */
  invoiceDocument: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    i.status === 'EXEMPT' ? null : documentLink(ctx, 'I', i),
  receiptDocument: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) =>
    i.status === 'PAID' && i.amountYen > 0 ? documentLink(ctx, 'R', i) : null,
};

/** A signed link to the invoice's or receipt's PDF, for a viewer whose DUES scope covers it. */
async function documentLink(ctx: MembershipContext, kind: 'I' | 'R', i: DuesInvoiceEntity) {
  if (
    !(await ctx.access.recordInScope('DUES', i.personId, (scope) =>
      associationRecordInScope(scope, i, ctx.viewer),
    ))
  )
    return null;
  const relations = await ctx.access.relations(i.personId);
  return ctx.services.duesDocuments.link(kind, i, ctx.viewer, relations);
}

export const duesReminderLineResolvers = {
  invoice: (l: ReminderLine, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.duesInvoiceById.load(l.invoiceId),
};

export const duesPaymentResolvers = {
  recordedAt: (p: DuesPaymentEntity) => p.createdAt,
};

export const invoiceRunSkipResolvers = {
  person: (s: InvoiceRunResult['skipped'][number], _: unknown, ctx: MembershipContext) =>
    personIfVisible(ctx, s.personId),
};

export const plannedDuesInvoiceResolvers = {
  person: (i: DuesInvoiceEntity, _: unknown, ctx: MembershipContext) => personIfVisible(ctx, i.personId),
};

export const paymentImportRowResolvers = {
  invoice: (r: ImportRowResult, _: unknown, ctx: MembershipContext) =>
    r.invoiceId ? ctx.loaders.duesInvoiceById.load(r.invoiceId) : null,
};

export const duesQueryResolvers = {
  /** Arrears of the association: its staff only; each person's DUES read is scoped and audited. */
  duesArrears: async (
    _: unknown,
    args: {
      associationId: string;
      fiscalYear?: number | null;
      upToFiscalYear?: number | null;
      overdueOnly?: boolean | null;
    },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
    const rows = await ctx.services.dues.arrears(args.associationId, {
      ...args,
      overdueBefore: args.overdueOnly ? clock.today() : null,
    });
    return ctx.access.recordsInScope(
      'DUES',
      rows,
      (i) => i.personId,
      (scope, i) => associationRecordInScope(scope, i, ctx.viewer),
    );
  },
  /** One invoice by reference: the association's staff; absent unless within the DUES scope. */
  duesInvoice: async (
    _: unknown,
    args: { associationId: string; reference: string },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
    const reference = args.reference.normalize('NFKC').replace(/[\s-]/g, '');
    if (!/^\d{1,20}$/.test(reference)) throw badInput('reference', Messages.INVOICE_REFERENCE_DIGITS);
    const i = await ctx.services.dues.invoiceByReference(args.associationId, reference);
    if (!i) return null;
    return (await ctx.access.recordInScope('DUES', i.personId, (scope) =>
      associationRecordInScope(scope, i, ctx.viewer),
    ))
      ? i
      : null;
  },
};

export const duesMutationResolvers = {
  setMembershipCategory: (
    _: unknown,
    args: {
      input: {
        associationId: string;
        code: string;
        name: string;
        description?: string | null;
        sortOrder?: number | null;
      };
    },
    ctx: MembershipContext,
  ) => {
    return setCategory(ctx, args.input);
  },

  setFeeSchedule: (
    _: unknown,
    args: {
      input: { associationId: string; categoryCode: string; fiscalYear: number; bands: Partial<FeeBand>[] };
    },
    ctx: MembershipContext,
  ) => {
    return setFeeSchedule(ctx, {
      ...args.input,
      bands: args.input.bands.map((b) => ({
        minAge: b.minAge ?? null,
        maxAge: b.maxAge ?? null,
        annualFeeYen: b.annualFeeYen!,
      })),
    });
  },

  addDuesExemptionRule: (
    _: unknown,
    args: {
      input: {
        associationId: string;
        categoryCode: string;
        fromFiscalYear: number;
        toFiscalYear?: number | null;
        yearsAfterGraduation: number;
        description: string;
      };
    },
    ctx: MembershipContext,
  ) => {
    return addExemptionRule(ctx, {
      ...args.input,
      toFiscalYear: args.input.toFiscalYear ?? null,
    });
  },

  /** The invoice run, once per idempotency key: dues.service.ts. */
  generateDuesInvoices: (_: unknown, args: InvoiceRunArgs, ctx: MembershipContext) =>
    generateInvoices(ctx, args),

  /** One payment recorded by hand: dues-payment.service.ts. */
  recordDuesPayment: (
    _: unknown,
    args: { input: { invoiceId: string; amountYen: number; paidOn: string; note?: string | null } },
    ctx: MembershipContext,
  ) => recordDuesPayment(ctx, args.input),

  /** A bank file (CSV or Zengin), dry run or applied once per idempotency key: dues.service.ts. */
  importDuesPayments: (_: unknown, args: { input: ImportPaymentsInput }, ctx: MembershipContext) =>
    importPayments(ctx, args.input),

  /** Reminders of overdue dues (preview, then letters and a provision record): dues.service.ts. */
  sendDuesReminders: (_: unknown, args: { input: SendRemindersInput }, ctx: MembershipContext) =>
    sendReminders(ctx, args.input),
};
