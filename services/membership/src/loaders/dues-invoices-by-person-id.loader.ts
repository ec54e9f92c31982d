import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

/** Every dues invoice of a batch of persons (all associations; the resolver narrows): one statement. */
export const duesInvoicesByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.dues.invoicesByPersonIds(ids),
    (i) => i.personId,
  );
