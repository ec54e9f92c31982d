/**
 * Load the seed data set.
 *   npx tsx infra/seed/cli.ts --scale demo|full [--seed N]
 * With DATABASE_URL (a superuser URL): bootstraps (migrates) that database if needed, then loads.
 * Without it: loads into a throw-away scratch database, just to measure.
 */
import { bootstrapDatabase } from '../db/bootstrap';
import { withScratchDatabase } from '../db/scratch-database';
import { DEFAULT_SEED, SCALES, type Scale } from './generate';
import { loadSeed, type LoadResult } from './load';

interface CliArgs {
  scale: Scale;
  seed: number;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npx tsx infra/seed/cli.ts --scale demo|full [--seed N]');
  process.exit(2);
}

function parseArgs(argv: readonly string[]): CliArgs {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = value('--scale') ?? 'demo';
  if (!(scale in SCALES)) usage(`unknown scale ${scale}`);
  const seedText = value('--seed');
  const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
  if (!Number.isInteger(seed) || seed < 0) usage(`--seed must be a non-negative integer, got ${seedText}`);
  return { scale: scale as Scale, seed };
}

function report(result: LoadResult, target: string): void {
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [table, n] of Object.entries(result.counts))
    console.log(`${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(11)}`);
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`${'total'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(11)}`);
  console.log(`loaded into ${target} in ${(result.ms / 1000).toFixed(1)} s`);
}

async function load(adminUrl: string, args: CliArgs): Promise<LoadResult> {
  await bootstrapDatabase({ adminUrl });
  return loadSeed({ adminUrl, scale: args.scale, seed: args.seed, log: (line) => console.log(line) });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (url) {
    report(await load(url, args), 'DATABASE_URL');
  } else {
    console.log('DATABASE_URL not set: loading into a scratch database (discarded afterwards)');
    report(await withScratchDatabase((adminUrl) => load(adminUrl, args)), 'a scratch database');
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
