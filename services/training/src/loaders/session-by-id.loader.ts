import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const sessionByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.sessions.findByIds(ids),
    (s) => s.id,
  );
