import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const enrolmentsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.enrolments.byPersonIds(ids),
    (e) => e.personId,
  );
