import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { withCredentials } from '@mamis/platform';
import { spawnEmbeddedPostgres } from './embedded-child';

/**
 * A throw-away database for tools (migration generation, drift check): on the server of
 * `server` (default DATABASE_URL) when set, else on a temporary embedded PostgreSQL.
 */
export async function withScratchDatabase<T>(
  fn: (adminUrl: string) => Promise<T>,
  server: string | undefined = process.env.DATABASE_URL,
): Promise<T> {
  let stopServer: (() => Promise<void>) | undefined;
  let serverUrl = server;
  if (!serverUrl) {
    const pg = await spawnEmbeddedPostgres({
      dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'mamis-scratch-')), 'pg'),
      ephemeral: true,
      fast: true,
    });
    serverUrl = pg.adminUrl;
    stopServer = pg.stop;
  }
  const name = `mamis_scratch_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(serverUrl);
    return await fn(
      withCredentials(serverUrl, decodeURIComponent(u.username), decodeURIComponent(u.password), name),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stopServer?.();
  }
}
