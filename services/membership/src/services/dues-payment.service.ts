import { actorOf, associationRecordInScope, badInput, Messages, notFound } from '@mamis/platform';
import type { MembershipWriteContext } from '../context';
import type { DuesPaymentEntity } from '../entities';
import { applyPayment, lockInvoice } from '../repositories/dues.repository';

/**
 * One payment recorded by hand (窓口): RECORD_DUES on the person (staff of a member / former-member
 * association), and the invoice must be within the viewer's DUES scope (its own association's) —
 * otherwise it is absent (NOT_FOUND), like an invisible person. At most the amount outstanding.
 */
export async function recordDuesPayment(
  ctx: MembershipWriteContext,
  input: { invoiceId: string; amountYen: number; paidOn: string; note?: string | null },
): Promise<DuesPaymentEntity> {
  const visible = await ctx.services.dues.findInvoice(input.invoiceId);
  if (!visible) throw notFound(Messages.INVOICE_NOT_FOUND);
  await ctx.access.authorizeWrite(visible.personId, 'RECORD_DUES');
  const inScope = await ctx.access.recordInScope('DUES', visible.personId, (scope) =>
    associationRecordInScope(scope, visible, ctx.viewer),
  );
  if (!inScope) throw notFound(Messages.INVOICE_NOT_FOUND);
  if (!Number.isSafeInteger(input.amountYen) || input.amountYen <= 0)
    throw badInput('input.amountYen', Messages.PAYMENT_AMOUNT_YEN);
  const recordedBy = actorOf(ctx.viewer);
  return ctx.services.dataSource.transaction(async (m) => {
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
      recordedBy,
    });
  });
}
