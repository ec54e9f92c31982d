import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const provisionRecordsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.provisionRecords.byPersonIds(ids),
    (r) => r.personId,
  );
