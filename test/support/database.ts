import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withCredentials } from '@mamis/platform';
import { serviceUrl } from '../../infra/db/bootstrap';

export interface TestDatabase {
  name: string;
  /** Superuser URL of this test database (for arranging data and inspecting it). */
  adminUrl: string;
  /** Login URL of a service's own role on this database, e.g. urlFor('membership'). */
  urlFor(schema: string): string;
  /** A connected superuser client (closed by drop()). */
  admin(): Promise<Client>;
  drop(): Promise<void>;
}

/** Clone the migrated template into a fresh database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.MAMIS_TEST_SERVER_URL;
  const template = process.env.MAMIS_TEST_TEMPLATE_DB;
  if (!serverUrl || !template) throw new Error('test database support needs the jest global setup');
  const name = `mamis_t_${randomBytes(5).toString('hex')}`;
  const server = new Client({ connectionString: serverUrl });
  await server.connect();
  await server.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await server.end();
  const u = new URL(serverUrl);
  const adminUrl = withCredentials(
    serverUrl,
    decodeURIComponent(u.username),
    decodeURIComponent(u.password),
    name,
  );
  let adminClient: Client | undefined;
  return {
    name,
    adminUrl,
    urlFor: (schema) => serviceUrl(adminUrl, schema),
    async admin() {
      if (!adminClient) {
        adminClient = new Client({ connectionString: adminUrl });
        await adminClient.connect();
      }
      return adminClient;
    },
    async drop() {
      await adminClient?.end();
      const s = new Client({ connectionString: serverUrl });
      await s.connect();
      await s.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await s.end();
    },
  };
}
