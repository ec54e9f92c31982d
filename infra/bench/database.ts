/**
 * The benchmark's PostgreSQL: an embedded cluster in `.data/bench/pg` (MAMIS_BENCH_DATA_DIR
 * replaces `.data/bench`), one database per scale (`mamis_bench_demo`, `mamis_bench_full`),
 * migrated with bootstrapDatabase on every run and seeded ONCE: a marker table records the seed
 * version, scale and seed; a database whose marker differs is dropped and loaded again. The cluster
 * preloads pg_stat_statements; the extension is created in the database after the migrations
 * (statement-stats.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { withCredentials } from '@mamis/platform';
import { bootstrapDatabase } from '../db/bootstrap';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from '../db/embedded';
import { repoRoot } from '../dev/process-runner';
import { DEFAULT_SEED, SEED_VERSION, type Scale } from '../seed/generate';
import { loadSeed } from '../seed/load';
import { enableStatementStats, STATEMENT_STATS_SETTINGS } from './statement-stats';

export const benchDataDir = () =>
  path.resolve(process.env.MAMIS_BENCH_DATA_DIR || path.join(repoRoot, '.data', 'bench'));

export interface BenchDatabase {
  /** Superuser URL of the seeded database. */
  adminUrl: string;
  /** The postmaster's pid (for CPU accounting of the server and its backends). */
  postmasterPid: number;
  /** Seconds the seed load took in THIS run (undefined: reused). */
  loadSeconds?: number;
  /** What the marker says (the data set in use). */
  marker: SeedMarker;
  /** `pg_stat_statements` is loaded and created in the database (statement-stats.ts). */
  statementStats: boolean;
  stop(): Promise<void>;
}

export interface SeedMarker {
  seedVersion: number;
  scale: Scale;
  seed: number;
  counts: Record<string, number>;
  loadSeconds: number;
  loadedAt: string;
  /** VACUUM (ANALYZE) done after the load (bench/database.ts), and how long it took. */
  vacuumed?: boolean;
  vacuumSeconds?: number;
}

const databaseOf = (scale: Scale) => `mamis_bench_${scale}`;

async function readMarker(url: string): Promise<SeedMarker | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: SeedMarker }>(
      `SELECT marker FROM public.bench_seed_marker LIMIT 1`,
    );
    return rows[0]?.marker;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

export async function openBenchDatabase(opts: {
  scale: Scale;
  seed?: number;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const dataDir = path.join(benchDataDir(), 'pg');
  const pg = await startEmbeddedPostgres({ dataDir, durable: false, settings: STATEMENT_STATS_SETTINGS });
  const postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const dbName = databaseOf(opts.scale);
  const adminUrl = withCredentials(
    pg.adminUrl.replace(/\/postgres$/, `/${dbName}`),
    EMBEDDED_USER,
    EMBEDDED_PASSWORD,
  );
  try {
    const root = new Client({ connectionString: pg.adminUrl });
    await root.connect();
    let loadSeconds: number | undefined;
    try {
      const exists =
        (await root.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount === 1;
      const marker = exists ? await readMarker(adminUrl) : undefined;
      const current =
        marker && marker.seedVersion === SEED_VERSION && marker.scale === opts.scale && marker.seed === seed;
      if (!current) {
        if (exists) {
          opts.log(
            `database ${dbName}: ${marker ? `seed version ${marker.seedVersion} ≠ ${SEED_VERSION}` : 'no seed marker'} — dropping and loading again`,
          );
          await root.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
        }
        await root.query(`CREATE DATABASE ${dbName}`);
      }
      await bootstrapDatabase({ adminUrl, log: (l) => opts.log(l) });
      if (!current) {
        opts.log(`loading the ${opts.scale}-scale data set (seed ${seed}, version ${SEED_VERSION}) …`);
        const { counts, ms } = await loadSeed({ adminUrl, scale: opts.scale, seed, log: (l) => opts.log(l) });
        loadSeconds = ms / 1000;
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        try {
          const m: SeedMarker = {
            seedVersion: SEED_VERSION,
            scale: opts.scale,
            seed,
            counts,
            loadSeconds,
            loadedAt: new Date().toISOString(),
          };
          await c.query('CREATE TABLE public.bench_seed_marker (marker jsonb NOT NULL)');
          await c.query('INSERT INTO public.bench_seed_marker VALUES ($1)', [JSON.stringify(m)]);
        } finally {
          await c.end();
        }
        opts.log(`loaded in ${loadSeconds.toFixed(1)} s`);
      } else {
        opts.log(`reusing ${dbName} (seed version ${SEED_VERSION}, loaded ${marker.loadedAt})`);
      }
      const m = (await readMarker(adminUrl))!;
      if (!m.vacuumed) {
        // A live database has been vacuumed by autovacuum long since: without a visibility map,
        // index-only scans (member counts, kana pages) read the heap, and autovacuum would start in
        // the middle of a measurement. Once, not counted in the load time.
        opts.log('VACUUM (ANALYZE) after the load …');
        const t = performance.now();
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        try {
          await c.query('VACUUM (ANALYZE)');
          await c.query(`UPDATE public.bench_seed_marker SET marker = marker || $1::jsonb`, [
            JSON.stringify({ vacuumed: true, vacuumSeconds: (performance.now() - t) / 1000 }),
          ]);
        } finally {
          await c.end();
        }
        opts.log(`vacuumed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    } finally {
      await root.end();
    }
    const marker = (await readMarker(adminUrl))!;
    const c = new Pool({ connectionString: adminUrl, max: 1 });
    const statementStats = await enableStatementStats(c).finally(() => c.end());
    if (!statementStats) opts.log('pg_stat_statements is not loaded: runs are reported without statements');
    return { adminUrl, postmasterPid, loadSeconds, marker, statementStats, stop: () => pg.stop() };
  } catch (err) {
    await pg.stop().catch(() => undefined);
    throw err;
  }
}

/** True when a benchmark cluster exists (used by the CLI to say what it will reuse). */
export const benchClusterExists = () => existsSync(path.join(benchDataDir(), 'pg', 'PG_VERSION'));
