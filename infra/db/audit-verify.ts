/**
 * npm run audit:verify — walk the audit hash chain of DATABASE_URL and report the first broken
 * link (exit 1), or that the chain is intact (exit 0).
 */
import { Client } from 'pg';
import { verifyAuditChain } from '@mamis/platform';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required (any role with SELECT on audit.entry).');
    process.exit(2);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const db = { query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows) };
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM audit.entry')) as { n: number }[];
    const broken = await verifyAuditChain(db);
    if (broken) {
      console.error(`audit chain BROKEN at entry ${broken.seq}: ${broken.problem}`);
      process.exit(1);
    }
    console.log(`audit chain intact: ${n} entries verified.`);
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
