import { associationRecordInScope, badInput, clock, Messages } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { DuesInvoiceEntity } from '../entities';
import { daysOverdue, dueDateOf, overdueIssuedBefore } from '../dues/fee-rules';
import { recordDuesPayment } from '../services/dues-payment.service';
import { addExemptionRule, setCategory, setFeeSchedule } from '../services/dues-settings.service';
import { generateInvoices, importPayments, sendReminders } from '../services/dues.service';
import type {
  AssociationResolvers,
  DuesInvoiceResolvers,
  DuesPaymentResolvers,
  DuesReminderLineResolvers,
  InvoiceRunSkipResolvers,
  MutationResolvers,
  PaymentImportRowResolvers,
  PersonResolvers,
  PlannedDuesInvoiceResolvers,
  QueryResolvers,
} from '../generated/resolver-types';
import { referencedAssociation } from './association.resolver';

/** A person for a nested field: null (absent) when the viewer does not see them. */
const personIfVisible = async (ctx: MembershipContext, personId: string) =>
  (await ctx.access.visible(personId)) ? ctx.loaders.personById.load(personId) : null;

export const duesAssociationResolvers: AssociationResolvers = {
  membershipCategories: (a, _, ctx) => ctx.loaders.membershipCategoriesByAssociationId.load(a.id),
  feeSchedules: (a, args, ctx) => ctx.services.dues.feeSchedules(a.id, args.fiscalYear),
  duesExemptionRules: (a, _, ctx) => ctx.loaders.exemptionRulesByAssociationId.load(a.id),
};

export const duesPersonResolvers: PersonResolvers = {
  /** The DUES group; the field's record rule narrows it to the viewer's scope (OWN_ASSOCIATION: its own). */
  dues: (p, _, ctx) => ctx.loaders.duesInvoicesByPersonId.load(p.id),
};

export const duesInvoiceResolvers: DuesInvoiceResolvers = {
  association: (i, _, ctx) => referencedAssociation(ctx, i.associationId),
  person: (i, _, ctx) => personIfVisible(ctx, i.personId),
  outstandingYen: (i) => (i.status === 'OPEN' ? i.amountYen - i.paidYen : 0),
  exemptionRule: async (i, _, ctx) =>
    i.exemptionRuleId
      ? ((await ctx.loaders.exemptionRulesByAssociationId.load(i.associationId)).find(
          (r) => r.id === i.exemptionRuleId,
        ) ?? null)
      : null,
  payments: (i, _, ctx) => ctx.loaders.duesPaymentsByInvoiceId.load(i.id),
  dueOn: (i) => dueDateOf(i.issuedOn),
  daysOverdue: (i) =>
    i.status === 'OPEN' && i.paidYen < i.amountYen ? daysOverdue(dueDateOf(i.issuedOn), clock.today()) : 0,
  reminderCount: async (i, _, ctx) =>
    (await ctx.loaders.duesReminderStats.load(`${i.associationId}:${i.personId}`)).count,
  lastRemindedAt: async (i, _, ctx) =>
    (await ctx.loaders.duesReminderStats.load(`${i.associationId}:${i.personId}`)).last,
  /** A link only after the invoice is checked against the viewer's DUES scope again. */
  invoiceDocument: (i, _, ctx) => (i.status === 'EXEMPT' ? null : documentLink(ctx, 'I', i)),
  receiptDocument: (i, _, ctx) => (i.status === 'PAID' && i.amountYen > 0 ? documentLink(ctx, 'R', i) : null),
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

export const duesReminderLineResolvers: DuesReminderLineResolvers = {
  /** The run built the line from this invoice (it exists): the loader's null is only typed away. */
  invoice: (l, _, ctx) => ctx.loaders.duesInvoiceById.load(l.invoiceId) as Promise<DuesInvoiceEntity>,
};

export const duesPaymentResolvers: DuesPaymentResolvers = {
  recordedAt: (p) => p.createdAt,
};

export const invoiceRunSkipResolvers: InvoiceRunSkipResolvers = {
  person: (s, _, ctx) => personIfVisible(ctx, s.personId),
};

export const plannedDuesInvoiceResolvers: PlannedDuesInvoiceResolvers = {
  person: (i, _, ctx) => personIfVisible(ctx, i.personId),
};

export const paymentImportRowResolvers: PaymentImportRowResolvers = {
  invoice: (r, _, ctx) => (r.invoiceId ? ctx.loaders.duesInvoiceById.load(r.invoiceId) : null),
};

export const duesQueryResolvers: QueryResolvers = {
  /** Arrears of the association: its staff only; each person's DUES read is scoped and audited. */
  duesArrears: async (_, args, ctx) => {
    ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
    const rows = await ctx.services.dues.arrears(args.associationId, {
      ...args,
      issuedBefore: args.overdueOnly ? overdueIssuedBefore(clock.today()) : null,
    });
    return ctx.access.recordsInScope(
      'DUES',
      rows,
      (i) => i.personId,
      (scope, i) => associationRecordInScope(scope, i, ctx.viewer),
    );
  },
  /** One invoice by reference: the association's staff; absent unless within the DUES scope. */
  duesInvoice: async (_, args, ctx) => {
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

export const duesMutationResolvers: MutationResolvers = {
  setMembershipCategory: (_, args, ctx) => {
    return setCategory(ctx, args.input);
  },

  setFeeSchedule: (_, args, ctx) => {
    return setFeeSchedule(ctx, {
      ...args.input,
      bands: args.input.bands.map((b) => ({
        minAge: b.minAge ?? null,
        maxAge: b.maxAge ?? null,
        annualFeeYen: b.annualFeeYen,
      })),
    });
  },

  addDuesExemptionRule: (_, args, ctx) => {
    return addExemptionRule(ctx, {
      ...args.input,
      toFiscalYear: args.input.toFiscalYear ?? null,
    });
  },

  /** The invoice run, once per idempotency key: dues.service.ts. */
  generateDuesInvoices: (_, args, ctx) => generateInvoices(ctx, args),

  /** One payment recorded by hand: dues-payment.service.ts. */
  recordDuesPayment: (_, args, ctx) => recordDuesPayment(ctx, args.input),

  /** A bank file (CSV or Zengin), dry run or applied once per idempotency key: dues.service.ts. */
  importDuesPayments: (_, args, ctx) => importPayments(ctx, args.input),

  /** Reminders of overdue dues (preview, then letters and a provision record): dues.service.ts. */
  sendDuesReminders: (_, args, ctx) => sendReminders(ctx, args.input),
};
