import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const membershipsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.memberships.byPersonIds(ids),
    (m) => m.personId,
  );
