/**
 * Benchmark workload: the migration from the previous member system at full scale (terms art. 13;
 * docs/legacy-import.md). Generates an export of N persons with their history (default 350,000,
 * every 1,000th with a deliberate error), then times the dry run, the import and the re-import
 * (which must change nothing) on a scratch database (embedded PostgreSQL unless DATABASE_URL is a
 * superuser URL), and writes the result to .data/bench/results/legacy-import-<time>.json.
 *
 *   npm run bench:legacy-import                       # full scale: 350k persons
 *   npm run bench:legacy-import -- --persons 2000     # a small run that shows it works
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { bootstrapDatabase } from '../db/bootstrap';
import { withScratchDatabase } from '../db/scratch-database';
import { openLegacyDataSources } from '../legacy/cli';
import { generateLegacyExport } from '../legacy/legacy-generate';
import { importLegacyExport } from '../legacy/legacy-import';

const CODES = ['JMA', 'P13', 'M13005', 'M13006', 'W13001'];

export interface LegacyImportBenchResult {
  persons: number;
  rows: Record<string, number>;
  rejected: number;
  generateMs: number;
  dryRunMs: number;
  importMs: number;
  reimportMs: number;
  reimportCreated: number;
  notified: number;
}

export async function runLegacyImportBench(
  adminUrl: string,
  persons: number,
  log: (line: string) => void,
): Promise<LegacyImportBenchResult> {
  await bootstrapDatabase({ adminUrl });
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    let parent: string | null = null;
    for (const [i, code] of CODES.entries()) {
      const tier = ['NATIONAL', 'PREFECTURAL', 'MUNICIPAL', 'MUNICIPAL', 'WORKPLACE'][i];
      const r: { rows: { id: string }[] } = await admin.query<{ id: string }>(
        `INSERT INTO membership.association (id, code, name, name_kana, tier, prefecture_code, parent_id)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE SET code = excluded.code RETURNING id::text AS id`,
        [code, `ベンチ医師会${code}`, `ベンチイシカイ`, tier, i === 0 ? null : 13, i <= 1 ? parent : null],
      );
      if (i <= 1) parent = r.rows[0]!.id;
    }
  } finally {
    await admin.end();
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'mamis-legacy-bench-'));
  const ds = await openLegacyDataSources(adminUrl);
  try {
    let t = Date.now();
    const g = generateLegacyExport(dir, { persons, seed: 11, errorEvery: 1000, associationCodes: CODES });
    const generateMs = Date.now() - t;
    log(`generated ${persons} persons in ${generateMs} ms: ${JSON.stringify(g.counts)}`);
    const progress = (line: string) => log(line);
    t = Date.now();
    const dry = await importLegacyExport(dir, ds, { dryRun: true, progress });
    const dryRunMs = Date.now() - t;
    t = Date.now();
    const first = await importLegacyExport(dir, ds, { dryRun: false, progress });
    const importMs = Date.now() - t;
    t = Date.now();
    const again = await importLegacyExport(dir, ds, { dryRun: false, progress });
    const reimportMs = Date.now() - t;
    return {
      persons,
      rows: g.counts,
      rejected: dry.rejections.length,
      generateMs,
      dryRunMs,
      importMs,
      reimportMs,
      reimportCreated: Object.values(again.counts).reduce((s, c) => s + c.created, 0),
      notified: first.notified,
    };
  } finally {
    await ds.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--persons');
  const persons = i >= 0 ? Number(process.argv[i + 1]) : 350_000;
  if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons must be a positive integer');
  const log = (line: string) => console.error(`[bench legacy-import] ${line}`);
  const result = await withScratchDatabase((url) => runLegacyImportBench(url, persons, log));
  const out = path.join('.data', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `legacy-import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  console.log(`written to ${file}`);
  if (result.reimportCreated !== 0) {
    console.error('re-import created rows: the import is not idempotent');
    process.exit(1);
  }
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
