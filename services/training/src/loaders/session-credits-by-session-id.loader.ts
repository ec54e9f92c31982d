import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const sessionCreditsBySessionIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.sessions.creditsBySessionIds(ids),
    (c) => c.sessionId,
  );
