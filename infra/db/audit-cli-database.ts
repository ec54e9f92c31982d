import { Client } from 'pg';

/** What the audit commands need of a database: rows of a statement. */
export interface AuditRows {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * Runs an audit command (`audit:verify`, `audit:checkpoint`) against DATABASE_URL: exit 2 without
 * it, exit 1 with the message on any error, the connection closed either way.
 */
export function runAuditCommand(command: (db: AuditRows) => Promise<void>): void {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      'DATABASE_URL is required (verify: a role with SELECT on audit.entry and audit.checkpoint; checkpoint: the owner).',
    );
    process.exit(2);
  }
  const run = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await command({ query: (sql, params) => client.query(sql, params).then((r) => r.rows) });
    } finally {
      await client.end();
    }
  };
  run().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
