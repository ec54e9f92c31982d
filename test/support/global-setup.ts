import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { withCredentials } from '@mamis/platform';
import { bootstrapDatabase } from '../../infra/db/bootstrap';
import { spawnEmbeddedPostgres, type EmbeddedChild } from '../../infra/db/embedded-child';

/**
 * One PostgreSQL for the whole run: DATABASE_URL (a superuser URL) when set, else an embedded
 * server in a temporary folder. A template database is migrated once; each test file clones it
 * (see database.ts).
 */
export default async function globalSetup() {
  // the integration and e2e tiers both name this set-up: the second call finds the first's server
  if ((globalThis as Record<string, unknown>).__mamisTest) return;
  let serverUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedChild | undefined;
  if (!serverUrl) {
    embedded = await spawnEmbeddedPostgres({
      dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'mamis-test-')), 'pg'),
      ephemeral: true,
      fast: true,
    });
    serverUrl = embedded.adminUrl;
  }
  const template = `mamis_test_tpl_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const u = new URL(serverUrl);
  const templateUrl = withCredentials(
    serverUrl,
    decodeURIComponent(u.username),
    decodeURIComponent(u.password),
    template,
  );
  await bootstrapDatabase({ adminUrl: templateUrl });
  process.env.MAMIS_TEST_SERVER_URL = serverUrl;
  process.env.MAMIS_TEST_TEMPLATE_DB = template;
  // Commands a test spawns (audit:verify) must never read the development checkpoints of `.data`
  // (signed heads of another database): a per-run file that does not exist.
  process.env.AUDIT_CHECKPOINT_FILE = path.join(
    mkdtempSync(path.join(tmpdir(), 'mamis-test-checkpoints-')),
    'audit-checkpoints.jsonl',
  );
  (globalThis as Record<string, unknown>).__mamisTest = { embedded, serverUrl, template };
}
