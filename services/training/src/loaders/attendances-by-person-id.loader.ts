import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const attendancesByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.attendances.byPersonIds(ids),
    (a) => a.personId,
  );
