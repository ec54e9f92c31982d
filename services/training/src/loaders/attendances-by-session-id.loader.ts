import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const attendancesBySessionIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.attendances.bySessionIds(ids),
    (a) => a.sessionId,
  );
