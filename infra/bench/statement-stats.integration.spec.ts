import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { enableStatementStats, type StatementsOfRun } from './statement-stats';

/**
 * The benchmark's cluster preloads pg_stat_statements; each closed loop's statements are read
 * between a reset and the end of the run (statement-stats.fixture.ts starts such a cluster).
 */
describe('pg_stat_statements of a benchmark run', () => {
  it('counts the statements between the reset and the read, per request, the reads themselves left out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamis-statement-stats-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'statement-stats.fixture.ts'), path.join(dir, 'pg')],
        { cwd: path.resolve(__dirname, '../..') },
      ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? String(err) }));
      const result = JSON.parse(/RESULT (.*)/.exec(stdout)?.[1] ?? JSON.stringify({ stdout })) as {
        enabled: boolean[];
        stats: StatementsOfRun;
      };
      expect(result.enabled).toEqual([true, true]);
      const { stats } = result;
      // BEGIN, INSERT, SELECT, COMMIT per request; the INSERT before the reset is not counted
      expect(stats).toMatchObject({ requests: 4, distinct: 4, callsPerRequest: 4 });
      const select = stats.top.find((s) => s.query.startsWith('SELECT id, name FROM fixture_item'));
      expect(select).toMatchObject({
        query: 'SELECT id, name FROM fixture_item WHERE id <= $1',
        calls: 4,
        callsPerRequest: 1,
        rowsPerCall: 2.5, // 1 + 2 + 3 + 4 rows over 4 calls
      });
      const insert = stats.top.find((s) => s.query.startsWith('INSERT INTO fixture_item'));
      expect(insert).toMatchObject({ calls: 4, rowsPerCall: 1 });
      expect(stats.top.map((s) => s.query)).not.toContainEqual(expect.stringContaining('generate_series'));
      expect(stats.top.map((s) => s.query)).not.toContainEqual(expect.stringContaining('pg_stat_statements'));
      expect(stats.top.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  describe("on the test tier's server (embedded: without the library preloaded)", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      await db.drop();
    });

    it('says whether the library is loaded instead of failing: without it the run is reported without statements', async () => {
      const pool = new Pool({ connectionString: db.adminUrl, max: 1 });
      try {
        const { rows } = await pool.query<{ preload: string }>(
          `SELECT current_setting('shared_preload_libraries') AS preload`,
        );
        // a DATABASE_URL server may preload it; the embedded test server does not
        const preloaded = /\bpg_stat_statements\b/.test(rows[0]!.preload);
        expect(await enableStatementStats(pool)).toBe(preloaded);
      } finally {
        await pool.end();
      }
    });
  });
});
