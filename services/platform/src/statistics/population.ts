import { AppError, ErrorCode } from '../errors';
import { Messages } from '../messages';
import type { Queryable } from '../access/relations';
import type { Access } from '../access/access-context';
import { runAsSystem } from '../rls';
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

/** Decided once per request (the root field and each aggregate field ask; one lookup). */
const decided = new WeakMap<Access, Map<string, Promise<Population>>>();

export function statisticsPopulation(
  db: Queryable,
  viewer: Viewer,
  access: Access,
  requested: string | null | undefined,
): Promise<Population> {
  let memo = decided.get(access);
  if (!memo) decided.set(access, (memo = new Map()));
  const key = requested ?? '';
  let p = memo.get(key);
  if (!p) {
    p = decide(db, viewer, access, requested);
    memo.set(key, p);
  }
  return p;
}

async function decide(
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
      throw new AppError(ErrorCode.FORBIDDEN, Messages.STATISTICS_ANALYTICS_JMA_ONLY);
    return { associationId: jma.id, tier: 'NATIONAL' };
  }
  const id = requested ?? viewer.associationId;
  if (!id) throw new AppError(ErrorCode.FORBIDDEN, Messages.STATISTICS_STAFF_ONLY);
  access.authorizeAssociation(id, 'READ_STATISTICS');
  return { associationId: id, tier: viewer.associationTier! };
}

/**
 * Run the aggregate SQL of a population decided by `statisticsPopulation` (take one as proof).
 *
 * As SYSTEM, not under the viewer's row security: row security here would be set to the
 * population's own association — the very restriction every aggregate statement spells out
 * (`association_id = $1 AND status = 'ACTIVE'`, plus JMA-programme participants for the JMA's
 * training statistics) — so it would protect nothing more and only cost a policy check per row:
 * the JMA's members by category took 2.4 s instead of 1.0 s at full scale. The statements return
 * counts only; disclosure control then runs on them. Everything else a statistics resolver reads
 * (the population check) runs as the viewer.
 *
 * The statistics repositories send these statements to their `analyticsReads` pool: a streaming
 * read replica when the service has DATABASE_READ_URL (subgraph.ts), so they may lag the primary by
 * the replica's delay. The same SYSTEM settings are set there per transaction (rls.ts: `set_config`
 * only, no write; the pool is read-only). The population decision and the disclosure guard with its
 * audit (`audit.statistics_query`) run on the primary.
 */
export const asPopulation = <T>(_population: Population, fn: () => Promise<T>): Promise<T> => runAsSystem(fn);
