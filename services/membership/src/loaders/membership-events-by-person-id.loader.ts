import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const membershipEventsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.events.byPersonIds(ids),
    (e) => e.personId,
  );
