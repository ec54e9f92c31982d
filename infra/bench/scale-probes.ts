/**
 * Full-scale probes of the member page and the kana search (no load test; reported in the results):
 *
 * - (a) SQL statements per request of a member page with 500 members vs 10 members (the
 *   count must not grow with the page), through the probe gateway behind the recording proxies. The
 *   answers are checked against hand-written SQL: the page's ids in kana order, family names and
 *   membership categories; `trainingSummary` only for being present for every node with
 *   `programCode: "CME"` (its rule evaluation is not re-implemented here), no GraphQL errors.
 * - (b) `EXPLAIN (ANALYZE, FORMAT TEXT)` of the statement `people(search: "ヤマ")` runs
 *   (`visiblePageSql` of the membership person repository) as the membership service role with the
 *   viewer's row-security settings, for staff of the JMA (every person visible: the case where the
 *   kana prefix index matters).
 */
import type { Pool } from 'pg';
import type { Viewer } from '@mamis/platform';
import { visiblePageSql } from '../../services/membership/src/repositories/person.repository';
import { viewerSettingsSql } from '../../services/platform/src/rls';
import type { Stack } from './stack';

export const PROBE_PAGE_QUERY = `query Page($id: ID!, $first: Int!) {
  association(id: $id) {
    members(first: $first) {
      nodes {
        id familyName email
        memberships { category }
        trainingSummary(program: "CME") { programCode kind asOf }
      }
    }
  }
}`;

export interface PageProbe {
  first: number;
  sqlStatements: number;
  fetches: number;
  perSubgraph: Record<string, { fetches: number; sql: number }>;
  ok: boolean;
  problem?: string;
}

export interface ScaleProbes {
  /** The probe gateway's MAX_COST (raised for the 500-member page), when set. */
  probeGatewayMaxCost?: string;
  pages: PageProbe[];
  explain?: {
    search: string;
    viewer: string;
    plan: string;
    /**
     * How the plan finds the prefix: person_kana_idx with an index condition bounding
     * family_name_kana (not a LIKE filtered after row security), or null.
     */
    usesIndex: string | null;
    /** EXPLAIN ANALYZE's execution time, ms. */
    executionMs?: number;
    /** Every index the plan scans. */
    indexes?: string[];
  };
}

interface PageNode {
  id: string;
  familyName: string;
  memberships: { category: string }[] | null;
  trainingSummary: { programCode: string } | null;
}

async function checkPage(
  pool: Pool,
  associationId: string,
  first: number,
  body: string,
): Promise<string | undefined> {
  const parsed = JSON.parse(body) as {
    data?: { association?: { members?: { nodes: PageNode[] } } };
    errors?: { message: string }[];
  };
  if (parsed.errors?.length) return `GraphQL error: ${parsed.errors[0]!.message}`;
  const nodes = parsed.data?.association?.members?.nodes;
  if (!nodes) return 'no nodes';
  const { rows } = await pool.query<{ id: string; family_name: string; categories: string[] }>(
    `SELECT p.id::text, p.family_name,
            (SELECT array_agg(m2.category ORDER BY m2.category) FROM membership.membership m2
              WHERE m2.person_id = p.id) AS categories
       FROM membership.person p
       JOIN membership.membership m ON m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE'
      ORDER BY p.family_name_kana, p.given_name_kana, p.id
      LIMIT $2`,
    [associationId, first],
  );
  if (nodes.length !== rows.length) return `${nodes.length} nodes, expected ${rows.length}`;
  for (let i = 0; i < rows.length; i++) {
    const n = nodes[i]!;
    const r = rows[i]!;
    if (n.id !== r.id || n.familyName !== r.family_name) return `node ${i}: ${n.id} ≠ ${r.id}`;
    const cats = (n.memberships ?? []).map((m) => m.category).sort();
    if (JSON.stringify(cats) !== JSON.stringify([...(r.categories ?? [])].sort()))
      return `node ${i}: categories ${cats.join(',')} ≠ ${(r.categories ?? []).join(',')}`;
    if (n.trainingSummary?.programCode !== 'CME') return `node ${i}: no CME trainingSummary`;
  }
  return undefined;
}

/** (a) SQL statements and fetches per request of the member page, through the probe gateway. */
export async function probePages(
  stack: Stack,
  pool: Pool,
  associationId: string,
  token: string,
  sizes: number[] = [500, 10],
): Promise<PageProbe[]> {
  const p = stack.probe;
  if (!p) return [];
  const out: PageProbe[] = [];
  for (const first of sizes) {
    const send = async () => {
      const r = await fetch(p.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: PROBE_PAGE_QUERY, variables: { id: associationId, first } }),
      });
      return { status: r.status, body: await r.text() };
    };
    await send(); // plan cache warm
    let best: ReturnType<typeof p.proxies.counts> | undefined;
    let problem: string | undefined;
    const total = (c: ReturnType<typeof p.proxies.counts>) =>
      Object.values(c.fetches).reduce((a, b) => a + b, 0) * 1000 +
      Object.values(c.sqlStatements).reduce((a, b) => a + b, 0);
    for (let i = 0; i < 3; i++) {
      p.proxies.reset();
      const r = await send();
      const c = p.proxies.counts();
      problem ??=
        r.status !== 200
          ? `HTTP ${r.status}: ${r.body.slice(0, 200)}`
          : await checkPage(pool, associationId, first, r.body).catch((e: Error) => e.message);
      if (!best || total(c) < total(best)) best = c;
    }
    const perSubgraph: Record<string, { fetches: number; sql: number }> = {};
    let fetches = 0;
    let sql = 0;
    for (const name of new Set([...Object.keys(best!.fetches), ...Object.keys(best!.sqlStatements)])) {
      const f = best!.fetches[name] ?? 0;
      const q = best!.sqlStatements[name] ?? 0;
      perSubgraph[name] = { fetches: f, sql: q };
      fetches += f;
      sql += q;
    }
    out.push({
      first,
      sqlStatements: sql,
      fetches,
      perSubgraph,
      ok: !problem,
      ...(problem ? { problem } : {}),
    });
  }
  return out;
}

/** (b) EXPLAIN ANALYZE of the people(search) page statement, as the service role with RLS settings. */
/** An index scan of person_kana_idx whose index condition bounds family_name_kana. */
const KANA_INDEX_RANGE =
  /(Bitmap Index Scan on|Index (Only )?Scan using) person_kana_idx[^\n]*\n\s*Index Cond: [^\n]*family_name_kana >= /;

export async function explainKanaSearch(
  membershipPool: Pool,
  viewer: Viewer,
  search = 'ヤマ',
): Promise<NonNullable<ScaleProbes['explain']>> {
  const { sql, params } = visiblePageSql(viewer, 50, null, search);
  const client = await membershipPool.connect();
  try {
    await client.query(`BEGIN; ${viewerSettingsSql(viewer, false)}`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, FORMAT TEXT) ${sql}`,
      params,
    );
    await client.query('ROLLBACK');
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const idx = /Index (?:Only )?Scan (?:Backward )?using (\S+)/g;
    const used = [...plan.matchAll(idx)].map((m) => m[1]!);
    return {
      search,
      viewer: `${viewer.kind} of ${viewer.associationTier ?? ''} association ${viewer.associationId ?? ''}`,
      plan,
      usesIndex: KANA_INDEX_RANGE.test(plan) ? 'person_kana_idx, index condition on family_name_kana' : null,
      executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN),
      indexes: [...new Set(used)],
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
