import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const applicationsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.applications.byPersonIds(ids),
    (a) => a.personId,
  );
