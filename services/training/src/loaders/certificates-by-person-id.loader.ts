import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const certificatesByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.certification.certificatesByPersonIds(ids),
    (row) => row.personId,
  );
