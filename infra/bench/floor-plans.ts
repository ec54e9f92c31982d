/**
 * The expert floors' plans (issue 22: "the expert floors' SQL and plans in infra/bench"): every
 * statement one floor request sends, with PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)` of it, taken
 * once per workload after its floor ran (warm caches, as measured). Only read floors: EXPLAIN
 * ANALYZE executes the statement, and a write floor (W4) would record an attendance twice.
 */
import type { Pool, QueryConfig } from 'pg';

export interface FloorPlan {
  /** The statement as the floor sends it (whitespace collapsed). */
  sql: string;
  /** The parameters of the request explained. */
  params: unknown[];
  /** `EXPLAIN (ANALYZE, BUFFERS)` output, one line per plan node. */
  plan: string[];
}

const READ = /^\s*(SELECT|WITH)\b/i;
const WRITE = /\b(INSERT|UPDATE|DELETE|MERGE)\b/i;

/** Whether a statement may be explained with ANALYZE (a read, nothing written). */
export const explainable = (sql: string): boolean => READ.test(sql) && !WRITE.test(sql);

class NotExplainable extends Error {}

/**
 * Run request `i` of a floor once through a pool that records the plan of each statement first.
 * Undefined, with nothing written, when the floor writes or opens a transaction: the first such
 * call throws before it reaches PostgreSQL.
 */
export async function floorPlans(
  pool: Pool,
  floor: (pool: Pool, i: number) => Promise<unknown>,
  i = 0,
): Promise<FloorPlan[] | undefined> {
  const plans: FloorPlan[] = [];
  const recording = new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop === 'connect') return () => Promise.reject(new NotExplainable('a transaction'));
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return async (text: string | QueryConfig, values?: unknown[]) => {
        const sql = typeof text === 'string' ? text : text.text;
        const params = (typeof text === 'string' ? values : (text.values ?? values)) ?? [];
        if (!explainable(sql)) throw new NotExplainable(sql);
        const { rows } = await target.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
          params,
        );
        plans.push({ sql: sql.replace(/\s+/g, ' ').trim(), params, plan: rows.map((r) => r['QUERY PLAN']) });
        return target.query(text as string, values);
      };
    },
  });
  try {
    await floor(recording, i);
  } catch (err) {
    if (err instanceof NotExplainable) return undefined;
    throw err;
  }
  return plans;
}

/** The markdown section of one workload's floor plans. */
export function floorPlansMarkdown(id: string, plans: FloorPlan[]): string[] {
  const lines = [`### ${id} floor`, ''];
  for (const [k, p] of plans.entries()) {
    lines.push(`Statement ${k + 1} of ${plans.length}, parameters \`${JSON.stringify(p.params)}\`:`, '');
    lines.push('```sql', p.sql, '```', '', '```', ...p.plan, '```', '');
  }
  return lines;
}
