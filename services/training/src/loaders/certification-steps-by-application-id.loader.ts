import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const certificationStepsByApplicationIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.certification.stepsByApplicationIds(ids),
    (row) => row.applicationId,
  );
