import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const duesInvoiceByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.dues.invoicesByIds(ids),
    (i) => i.id,
  );
