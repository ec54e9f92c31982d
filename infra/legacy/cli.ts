/**
 * Migration from the previous member system (terms art. 13); see docs/legacy-import.md.
 *
 *   npm run legacy:import -- <dir> [--dry-run] [--report <file.json>] [--batch <n>]
 *   npm run legacy:generate -- <dir> --persons <n> [--errors-every <k>] [--seed <s>] [--associations <code,code>]
 *
 * DATABASE_URL: the admin URL (owner or superuser) of the MAMIS database; every service schema is
 * written through that service's repositories.
 */
import { writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { makeDataSource as membership } from '@mamis/membership/src/data-source';
import { makeDataSource as training } from '@mamis/training/src/data-source';
import { makeDataSource as insurancePension } from '@mamis/insurance-pension/src/data-source';
import { makeDataSource as consent } from '@mamis/consent/src/data-source';
import { generateLegacyExport } from './legacy-generate';
import { importLegacyExport, type LegacyDataSources, type LegacyImportReport } from './legacy-import';

function parse(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) positional.push(a);
    else if (a === '--dry-run') flags['dry-run'] = true;
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      flags[a.slice(2)] = v;
    }
  }
  return { positional, flags };
}

/** Open the four services' data sources on one URL. */
export async function openLegacyDataSources(
  /** One URL for every service, or each service's (by its schema: membership, training, …). */
  url: string | ((schema: string) => string),
): Promise<LegacyDataSources & { close(): Promise<void> }> {
  const of = typeof url === 'string' ? () => url : url;
  const all = {
    membership: membership(of('membership'), { poolSize: 2 }).dataSource,
    training: training(of('training'), { poolSize: 2 }).dataSource,
    insurancePension: insurancePension(of('insurance_pension'), { poolSize: 2 }).dataSource,
    consent: consent(of('consent'), { poolSize: 2 }).dataSource,
  };
  await Promise.all(Object.values(all).map((d: DataSource) => d.initialize()));
  return { ...all, close: async () => void (await Promise.all(Object.values(all).map((d) => d.destroy()))) };
}

/** The report as lines people read: totals, then every rejected row (Japanese first). */
export function renderReport(r: LegacyImportReport): string[] {
  const out = [
    r.dryRun ? 'DRY RUN (ドライラン): nothing was written' : 'IMPORT (取込) done',
    'entity              read  rejected  created  unchanged',
  ];
  for (const [entity, c] of Object.entries(r.counts))
    out.push(
      `${entity.padEnd(16)} ${String(c.read).padStart(7)} ${String(c.rejected).padStart(9)} ${String(c.created).padStart(8)} ${String(c.unchanged).padStart(10)}`,
    );
  if (!r.dryRun) out.push(`art. 13.1 notices queued (第13条の通知): ${r.notified}`);
  for (const x of r.rejections)
    out.push(`${x.file}:${x.line} ${x.legacyId ?? '-'} ${x.code} ${x.messageJa} / ${x.messageEn}`);
  return out;
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { positional, flags } = parse(rest);
  const dir = positional[0];
  if (!dir || (command !== 'import' && command !== 'generate')) {
    console.error(
      'usage: legacy:import -- <dir> [--dry-run] [--report <file>] | legacy:generate -- <dir> --persons <n>',
    );
    process.exit(2);
  }
  if (command === 'generate') {
    const g = generateLegacyExport(dir, {
      persons: Number(flags.persons ?? 1000),
      seed: Number(flags.seed ?? 1),
      errorEvery: Number(flags['errors-every'] ?? 0),
      associationCodes: String(flags.associations ?? 'M13005,P13,JMA').split(','),
    });
    console.log(JSON.stringify({ counts: g.counts, expectedRejections: g.expected.length }));
    return;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required (the admin URL: owner or superuser)');
    process.exit(2);
  }
  const ds = await openLegacyDataSources(url);
  try {
    const started = Date.now();
    const report = await importLegacyExport(dir, ds, {
      dryRun: flags['dry-run'] === true,
      batchSize: flags.batch ? Number(flags.batch) : undefined,
      progress: (line) => console.error(`[legacy] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    });
    for (const line of renderReport(report)) console.log(line);
    if (typeof flags.report === 'string') writeFileSync(flags.report, JSON.stringify(report, null, 2));
  } finally {
    await ds.close();
  }
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
