import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

/** A staff member's or assistant's display name by account id (null: no such named account). */
export const accountNameByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.accessLog.accountNames(ids),
    (a) => a.accountId,
  );
