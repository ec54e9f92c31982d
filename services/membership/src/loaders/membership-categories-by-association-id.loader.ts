import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const membershipCategoriesByAssociationIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.dues.categoriesOf(ids),
    (c) => c.associationId,
  );
