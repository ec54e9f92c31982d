import { groupedLoader, keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const privacyRequestsByPersonIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.privacyRequests.byPersonIds(ids),
    (r) => r.personId,
  );

export const privacyRequestEventsLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.privacyRequests.eventsByRequestIds(ids),
    (e) => e.requestId,
  );

export const privacyExportByRequestIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.privacyRequests.exportsByRequestIds(ids),
    (e) => e.requestId,
  );
