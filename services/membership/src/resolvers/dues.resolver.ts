import { associationRecordInScope, badInput, clock, notFound } from '@mamis/platform';
import type { MembershipContext } from '../context';
import type { AssociationEntity, DuesInvoiceEntity, DuesPaymentEntity, PersonEntity } from '../entities';
import { decodeText, parseBankCsv, type TextEncoding } from '../dues/bank-csv';
import type { FeeBand } from '../dues/fee-rules';
import type { ImportRowResult, InvoiceRunResult } from '../repositories/dues.repository';

/** Who did it, for the records (the token subject; the actor when acting for someone). */
export const actorOf = (ctx: MembershipContext) => ctx.viewer.actor?.sub ?? ctx.viewer.sub ?? ctx.viewer.kind;

/** A person for a nested field: null (absent) when the viewer does not see them. */
const personIfVisible = async (ctx: MembershipContext, personId: string) =>
  (await ctx.access.visible(personId)) ? ctx.loaders.personById.load(personId) : null;

/** Largest bank CSV accepted (the request body limit is the outer bound). */
const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const duesAssociationResolvers = {
  membershipCategories: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.membershipCategoriesByAssociationId.load(a.id),
  feeSchedules: (a: AssociationEntity, args: { fiscalYear: number }, ctx: MembershipContext) =>
    ctx.services.dues.feeSchedules(a.id, args.fiscalYear),
  duesExemptionRules: (a: AssociationEntity, _: unknown, ctx: MembershipContext) =>
    ctx.loaders.exemptionRulesByAssociationId.load(a.id),
};

export const duesPersonResolvers = {
  /** The DUES group, narrowed to the records the viewer's scope covers (OWN_ASSOCIATION: its own). */
  dues: async (p: PersonEntity, _: unknown, ctx: MembershipContext) => {
    const [scope, rows] = await Promise.all([
      ctx.access.scope(p.id, 'DUES'),
      ctx.loaders.duesInvoicesByPersonId.load(p.id),
    ]);
    return rows.filter((i) => associationRecordInScope(scope, i, ctx.viewer));
  },
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
};

export const duesPaymentResolvers = {
  recordedAt: (p: DuesPaymentEntity) => p.createdAt,
};

export const invoiceRunSkipResolvers = {
  person: (s: InvoiceRunResult['skipped'][number], _: unknown, ctx: MembershipContext) =>
    personIfVisible(ctx, s.personId),
};

export const paymentImportRowResolvers = {
  invoice: (r: ImportRowResult, _: unknown, ctx: MembershipContext) =>
    r.invoiceId ? ctx.loaders.duesInvoiceById.load(r.invoiceId) : null,
};

export const duesQueryResolvers = {
  /** Arrears of the association: its staff only; each person's DUES read is scoped and audited. */
  duesArrears: async (
    _: unknown,
    args: { associationId: string; fiscalYear?: number | null; upToFiscalYear?: number | null },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
    const rows = await ctx.services.dues.arrears(args.associationId, args);
    const scopes = await Promise.all(rows.map((i) => ctx.access.scope(i.personId, 'DUES')));
    return rows.filter((i, n) => associationRecordInScope(scopes[n], i, ctx.viewer));
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
    ctx.access.authorizeAssociation(args.input.associationId, 'MANAGE_DUES');
    return ctx.services.dues.setCategory(args.input);
  },

  setFeeSchedule: (
    _: unknown,
    args: {
      input: { associationId: string; categoryCode: string; fiscalYear: number; bands: Partial<FeeBand>[] };
    },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(args.input.associationId, 'MANAGE_DUES');
    return ctx.services.dues.setFeeSchedule({
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
    ctx.access.authorizeAssociation(args.input.associationId, 'MANAGE_DUES');
    return ctx.services.dues.addExemptionRule({
      ...args.input,
      toFiscalYear: args.input.toFiscalYear ?? null,
    });
  },

  generateDuesInvoices: async (
    _: unknown,
    args: { associationId: string; fiscalYear: number; issuedOn?: string | null },
    ctx: MembershipContext,
  ) => {
    ctx.access.authorizeAssociation(args.associationId, 'MANAGE_DUES');
    return ctx.services.dues.generateInvoices({
      associationId: args.associationId,
      fiscalYear: args.fiscalYear,
      issuedOn: args.issuedOn ?? clock.today(),
      issuedBy: actorOf(ctx),
    });
  },

  /**
   * One payment: RECORD_DUES on the person (staff of a member / former-member association), and
   * the invoice must be within the viewer's DUES scope (its own association's) — otherwise it is
   * absent (NOT_FOUND), like an invisible person.
   */
  recordDuesPayment: async (
    _: unknown,
    args: { input: { invoiceId: string; amountYen: number; paidOn: string; note?: string | null } },
    ctx: MembershipContext,
  ) => {
    const invoice = await ctx.services.dues.findInvoice(args.input.invoiceId);
    if (!invoice) throw notFound('Invoice not found');
    await ctx.access.authorizeWrite(invoice.personId, 'RECORD_DUES');
    if (!associationRecordInScope(await ctx.access.scope(invoice.personId, 'DUES'), invoice, ctx.viewer))
      throw notFound('Invoice not found');
    return ctx.services.dues.recordPayment({ ...args.input, recordedBy: actorOf(ctx) });
  },

  importDuesPayments: async (
    _: unknown,
    args: {
      input: { associationId: string; csvBase64: string; encoding?: TextEncoding | null; dryRun: boolean };
    },
    ctx: MembershipContext,
  ) => {
    const { input } = args;
    ctx.access.authorizeAssociation(input.associationId, 'MANAGE_DUES');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(input.csvBase64))
      throw badInput('input.csvBase64', 'The file must be base64-encoded');
    const bytes = Buffer.from(input.csvBase64, 'base64');
    if (bytes.length === 0) throw badInput('input.csvBase64', 'The file is empty');
    if (bytes.length > MAX_CSV_BYTES) throw badInput('input.csvBase64', 'The file is larger than 5 MB');
    const rows = parseBankCsv(decodeText(bytes, input.encoding ?? 'UTF8'), 'input.csvBase64');
    return ctx.services.dues.importPayments({
      associationId: input.associationId,
      rows,
      dryRun: input.dryRun,
      recordedBy: actorOf(ctx),
      // each payment is a write of the person's DUES: allowed by the policy and audited as such
      beforeApply: async (personIds) => {
        await Promise.all(personIds.map((id) => ctx.access.authorizeWrite(id, 'RECORD_DUES')));
      },
    });
  },
};
