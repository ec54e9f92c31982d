import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

/**
 * A person's access log (newest first, at most ACCESS_LOG_MAX entries): all persons asked for in
 * one tick → one SQL statement. An audit entry covering several of them is listed for each.
 */
export const accessLogByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.accessLog.byPersonIds(ids),
    (row) => row.personId,
  );
