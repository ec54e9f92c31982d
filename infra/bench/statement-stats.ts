/**
 * PostgreSQL's own account of a workload run: `pg_stat_statements` on the benchmark's cluster
 * (preloaded by database.ts, `track = top`, no planning statistics), reset before each target's
 * closed loop and read after it: the statements that took the most execution time, per request.
 */
import type { Pool } from 'pg';

/** Server settings of the benchmark cluster (`-c name=value` at every start). */
export const STATEMENT_STATS_SETTINGS: Record<string, string> = {
  shared_preload_libraries: 'pg_stat_statements',
  // top-level statements only (not those run inside functions and triggers): the cheapest mode
  'pg_stat_statements.track': 'top',
  'pg_stat_statements.track_planning': 'off',
  'pg_stat_statements.max': '10000',
  // utility statements (BEGIN, COMMIT, SET) are counted too: each request's transactions have them
  'pg_stat_statements.track_utility': 'on',
};

/** How many statements a run reports (by total execution time). */
export const TOP_STATEMENTS = 8;
/** Statement text kept in the results (whitespace collapsed). */
export const STATEMENT_TEXT_CHARS = 120;

export interface StatementStat {
  /** The normalised statement, whitespace collapsed, cut at STATEMENT_TEXT_CHARS. */
  query: string;
  /** The role that ran it (a service's role, or the superuser for the floor). */
  role: string;
  calls: number;
  callsPerRequest: number;
  meanMs: number;
  totalMs: number;
  /** Of the execution time of every statement in the run (0–1). */
  share: number;
  rowsPerCall: number;
  sharedBlksHitPerCall: number;
  sharedBlksReadPerCall: number;
}

export interface StatementsOfRun {
  /** Requests of the closed loop the statements are divided by. */
  requests: number;
  /** Distinct statements (normalised) in the run. */
  distinct: number;
  /** Every statement of the run: calls and execution milliseconds per request. */
  callsPerRequest: number;
  execMsPerRequest: number;
  top: StatementStat[];
}

/** One row of `pg_stat_statements` as read (numbers may come back as strings: bigint). */
export interface StatementRow {
  query: string;
  role: string;
  calls: number | string;
  total_exec_time: number | string;
  rows: number | string;
  shared_blks_hit: number | string;
  shared_blks_read: number | string;
}

export const shortenStatement = (text: string, max = STATEMENT_TEXT_CHARS): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The run's figures from its rows (pure: the unit tests give it rows). */
export function summariseStatements(
  rows: StatementRow[],
  requests: number,
  top = TOP_STATEMENTS,
): StatementsOfRun {
  const parsed = rows.map((r) => ({
    query: r.query,
    role: r.role,
    calls: Number(r.calls),
    totalMs: Number(r.total_exec_time),
    rows: Number(r.rows),
    hit: Number(r.shared_blks_hit),
    read: Number(r.shared_blks_read),
  }));
  const totalMs = parsed.reduce((a, r) => a + r.totalMs, 0);
  const totalCalls = parsed.reduce((a, r) => a + r.calls, 0);
  const perRequest = (x: number, digits: number) => (requests > 0 ? round(x / requests, digits) : NaN);
  const perCall = (x: number, calls: number, digits: number) => (calls > 0 ? round(x / calls, digits) : 0);
  return {
    requests,
    distinct: parsed.length,
    callsPerRequest: perRequest(totalCalls, 2),
    execMsPerRequest: perRequest(totalMs, 3),
    top: [...parsed]
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top)
      .map((r) => ({
        query: shortenStatement(r.query),
        role: r.role,
        calls: r.calls,
        callsPerRequest: perRequest(r.calls, 2),
        meanMs: perCall(r.totalMs, r.calls, 3),
        totalMs: round(r.totalMs, 1),
        share: totalMs > 0 ? round(r.totalMs / totalMs, 3) : 0,
        rowsPerCall: perCall(r.rows, r.calls, 1),
        sharedBlksHitPerCall: perCall(r.hit, r.calls, 1),
        sharedBlksReadPerCall: perCall(r.read, r.calls, 1),
      })),
  };
}

/**
 * `CREATE EXTENSION pg_stat_statements` in the benchmark database (as the superuser, not through
 * the services' migrations). False when the server did not preload the library: the runs are then
 * reported without statements.
 */
export async function enableStatementStats(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ preload: string }>(
    `SELECT current_setting('shared_preload_libraries') AS preload`,
  );
  if (!/\bpg_stat_statements\b/.test(rows[0]?.preload ?? '')) return false;
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public');
  return true;
}

export async function resetStatementStats(pool: Pool): Promise<void> {
  await pool.query('SELECT public.pg_stat_statements_reset()');
}

/** The statements of this database since the last reset (the harness's own reads and resets left out). */
export async function readStatementStats(
  pool: Pool,
  requests: number,
  top = TOP_STATEMENTS,
): Promise<StatementsOfRun> {
  const { rows } = await pool.query<StatementRow>(
    `SELECT s.query, coalesce(r.rolname, s.userid::text) AS role, s.calls, s.total_exec_time, s.rows,
            s.shared_blks_hit, s.shared_blks_read
       FROM public.pg_stat_statements s
       LEFT JOIN pg_roles r ON r.oid = s.userid
      WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND s.query NOT LIKE '%pg_stat_statements%'`,
  );
  return summariseStatements(rows, requests, top);
}
