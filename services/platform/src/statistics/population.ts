import { AppError, ErrorCode } from '../errors';
import type { Queryable } from '../access/relations';
import type { Access } from '../access/access-context';
import { runAsViewer } from '../rls';
import type { AssociationTierName, Viewer } from '../viewer';

/**
 * Whose population a statistics query counts, decided the same way in every subgraph that adds
 * aggregates to `Statistics`: staff count their OWN association's (READ_STATISTICS in the policy
 * table); an analytics client (`analytics:aggregate`) counts the JMA's and nothing else.
 */
export interface Population {
  associationId: string;
  tier: AssociationTierName;
}

export async function statisticsPopulation(
  db: Queryable,
  viewer: Viewer,
  access: Access,
  requested: string | null | undefined,
): Promise<Population> {
  if (viewer.kind === 'CLIENT') {
    const [jma] = (await db.query(
      `SELECT id::text AS id FROM access.association_v1 WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
    )) as { id: string }[];
    if (!jma || !viewer.scopes.includes('analytics:aggregate') || (requested && requested !== jma.id))
      throw new AppError(ErrorCode.FORBIDDEN, "Analytics clients read the JMA's statistics only");
    return { associationId: jma.id, tier: 'NATIONAL' };
  }
  const id = requested ?? viewer.associationId;
  if (!id)
    throw new AppError(ErrorCode.FORBIDDEN, 'Statistics are for association staff and analytics clients');
  access.authorizeAssociation(id, 'READ_STATISTICS');
  return { associationId: id, tier: viewer.associationTier! };
}

/**
 * Run aggregate SQL under row-level security as the population's association (its members are
 * the rows it may count; an analytics client has no association of its own).
 */
export const asPopulation = <T>(population: Population, viewer: Viewer, fn: () => Promise<T>): Promise<T> =>
  runAsViewer(
    {
      kind: 'STAFF',
      sub: viewer.sub,
      associationId: population.associationId,
      associationTier: population.tier,
      scopes: [],
    },
    fn,
  );
