import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const sessionCountsBySessionIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.sessions.countsBySessionIds(ids),
    (c) => c.sessionId,
  );
