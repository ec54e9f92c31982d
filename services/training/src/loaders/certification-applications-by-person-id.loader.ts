import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const certificationApplicationsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.certification.applicationsByPersonIds(ids),
    (row) => row.personId,
  );
