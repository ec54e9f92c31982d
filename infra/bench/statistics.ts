/**
 * W6 (issue 10): an analytics aggregate — the JMA's current members by category, after disclosure
 * control — through our gateway, against the same SQL run directly.
 *
 * - `expectedMembersByCategory`: the known-good answer by hand-written SQL (superuser) plus the
 *   platform's `suppressTable` (k = 10), shaped as the gateway's `data`.
 * - `membershipStatisticsSql`: the statement `StatisticsRepository.members` sends for
 *   `groupBy: [CATEGORY]` (POPULATION_SQL + GROUP BY), with POPULATION_SQL read from the repository's
 *   source so the two cannot drift apart.
 * - `runMembersSql`: that statement through `pg`, either as the membership service role inside
 *   `BEGIN; <viewer settings>; …; COMMIT` (what `RlsClient` sends under `asPopulation`: the SYSTEM
 *   settings, row security still forced on the role), or as the superuser for reference.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { Viewer } from '@mamis/platform';
import { viewerSettingsSql, type DbViewer } from '../../services/platform/src/rls';
import { suppressTable, type Cell } from '../../services/platform/src/statistics/disclosure';
import { repoRoot } from '../dev/process-runner';

export const STATISTICS_K = 10;

export const W6_QUERY = `query W6 { statistics { members(groupBy: [CATEGORY]) { total cells { keys count suppressed } } } }`;

/** The analytics client of W6 (population: the JMA). */
export const ANALYTICS_CLIENT: Viewer = {
  kind: 'CLIENT',
  sub: 'bench-analytics',
  scopes: ['analytics:aggregate'],
} as Viewer;

export async function jmaId(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM membership.association WHERE tier = 'NATIONAL' ORDER BY code LIMIT 1`,
  );
  if (!rows[0]) throw new Error('no NATIONAL association (JMA) in the data set');
  return rows[0].id;
}

const publish = (cells: Cell[]) => {
  const t = suppressTable(['CATEGORY'], cells, STATISTICS_K);
  return {
    statistics: {
      members: {
        total: t.total,
        cells: t.cells.map((c) => ({ keys: c.keys, count: c.count, suppressed: c.suppressed })),
      },
    },
  };
};

/** Known-good answer: hand-written per-category counts (superuser), then the platform's suppression. */
export async function expectedMembersByCategory(pool: Pool, associationId: string): Promise<unknown> {
  const { rows } = await pool.query<{ category: string; n: number }>(
    `SELECT category, count(DISTINCT person_id)::int AS n
       FROM membership.membership
      WHERE association_id = $1 AND status = 'ACTIVE'
      GROUP BY category ORDER BY category`,
    [associationId],
  );
  return publish(rows.map((r) => ({ keys: [r.category], count: r.n })));
}

let populationSql: string | undefined;
/** POPULATION_SQL of services/membership/src/repositories/statistics.repository.ts. */
function population(): string {
  if (populationSql) return populationSql;
  const file = path.join(repoRoot, 'services/membership/src/repositories/statistics.repository.ts');
  const m = /const POPULATION_SQL = `([^`]*)`/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`POPULATION_SQL not found in ${file}`);
  populationSql = m[1]!;
  return populationSql;
}

/** The repository's statement for `groupBy: [CATEGORY]`, no filter ($1 association, $2 as-of, $3 false). */
export const membershipStatisticsSql = () =>
  `WITH pop AS (${population()})
       SELECT pop.category AS k0, count(*)::int AS n
       FROM pop
       GROUP BY k0 ORDER BY k0`;

/** Tokyo date (YYYY-MM-DD), as the resolver's `tokyoDate(new Date())`. */
const tokyoToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** The statement through pg; `viewer` set: inside the transaction with its row-security settings. */
export async function runMembersSql(pool: Pool, associationId: string, viewer?: DbViewer): Promise<unknown> {
  const client = await pool.connect();
  try {
    const params = [associationId, tokyoToday(), false];
    let rows: { k0: string; n: number }[];
    if (viewer) {
      await client.query(`BEGIN; ${viewerSettingsSql(viewer, false)}`);
      try {
        rows = (await client.query<{ k0: string; n: number }>(membershipStatisticsSql(), params)).rows;
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } else {
      rows = (await client.query<{ k0: string; n: number }>(membershipStatisticsSql(), params)).rows;
    }
    return publish(rows.map((r) => ({ keys: [String(r.k0)], count: Number(r.n) })));
  } finally {
    client.release();
  }
}
