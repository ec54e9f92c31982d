import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const childrenByAssociationIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.associations.childrenOf(ids),
    (a) => a.parentId ?? '',
  );
