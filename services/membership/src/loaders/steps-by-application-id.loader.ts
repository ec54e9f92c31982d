import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

/** Steps of applications, in decision order. */
export const stepsByApplicationIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.applications.stepsByApplicationIds(ids),
    (s) => s.applicationId,
  );
