import { keyedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const associationByIdLoader = (repos: Repositories) =>
  keyedLoader(
    (ids: readonly string[]) => repos.associations.findByIds(ids),
    (a) => a.id,
  );
