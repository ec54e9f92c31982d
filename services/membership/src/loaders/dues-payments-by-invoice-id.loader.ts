import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const duesPaymentsByInvoiceIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.dues.paymentsByInvoiceIds(ids),
    (p) => p.invoiceId,
  );
