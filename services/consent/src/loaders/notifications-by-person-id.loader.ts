import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const notificationsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.notifications.byPersonIds(ids),
    (n) => n.personId ?? '',
  );
