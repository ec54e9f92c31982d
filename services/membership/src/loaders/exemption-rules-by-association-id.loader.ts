import { groupedLoader } from '@mamis/platform';
import type { Repositories } from '../repositories';

export const exemptionRulesByAssociationIdLoader = (repos: Repositories) =>
  groupedLoader(
    (ids: readonly string[]) => repos.dues.exemptionRulesOf(ids),
    (r) => r.associationId,
  );
