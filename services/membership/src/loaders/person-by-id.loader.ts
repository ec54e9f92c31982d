import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const personByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.persons.findByIds(ids),
    (p) => p.id,
  );
