import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const acceptancesByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.terms.acceptancesByPersonIds(ids),
    (a) => a.personId ?? '',
  );
