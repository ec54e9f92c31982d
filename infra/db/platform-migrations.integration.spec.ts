import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { bootstrapDatabase, PLATFORM_STREAM } from './bootstrap';
import { makePlatformDataSource } from './platform-data-source';
import { applyPlatformDefinition, platformDrift } from './platform-definition';
import { platformMigrationStatements } from './platform-migration-source';
import { migrations } from './platform-migrations';
import { withScratchDatabase } from './scratch-database';

const serverUrl = () => process.env.MAMIS_TEST_SERVER_URL;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * The platform DDL (audit schema, statistics log, access views, row security) is a numbered
 * migration stream; `npm run migration:check` fails when the current definition (generated from
 * RELATION_FACTS and the catalog) differs from what the migrations made.
 */
describe('platform migration stream', () => {
  let db: TestDatabase;
  let admin: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
  });
  afterAll(() => db?.drop());

  it('records every platform migration in platform.typeorm_migrations', async () => {
    const { rows } = await admin.query<{ name: string }>(
      'SELECT name FROM platform.typeorm_migrations ORDER BY id',
    );
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
  });

  it('finds no drift between the migrations and the current definition', async () => {
    expect(await platformDrift(admin)).toEqual({ drift: [] });
  });

  it('finds drift when a view of the migrations differs from the definition (a changed relation)', async () => {
    await admin.query('BEGIN');
    try {
      await admin.query(
        `CREATE OR REPLACE VIEW access.related_person_v1 AS
           SELECT x.person_id, x.association_id FROM access.membership_v1 x`,
      );
      const { drift } = await platformDrift(admin, { insideTransaction: true });
      expect(drift.map((d) => d.key)).toEqual(['view access.related_person_v1']);
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  it('finds drift when a person-keyed table has no row security from a platform migration', async () => {
    await admin.query('BEGIN');
    try {
      await admin.query(
        'CREATE TABLE training.newly_person_keyed (id int PRIMARY KEY, person_id uuid NOT NULL)',
      );
      const { drift } = await platformDrift(admin, { insideTransaction: true });
      expect(drift.map((d) => d.key)).toEqual([
        'policy training.newly_person_keyed.mamis_delete',
        'policy training.newly_person_keyed.mamis_insert',
        'policy training.newly_person_keyed.mamis_read',
        'policy training.newly_person_keyed.mamis_update',
        'row security training.newly_person_keyed',
      ]);
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  it('generates the next platform migration from the drift: up removes it, down restores it', async () => {
    await admin.query('BEGIN');
    try {
      // what the migrations would have made if the definition had changed since (a relation, a table)
      await admin.query(
        `CREATE OR REPLACE VIEW access.related_person_v1 AS
           SELECT x.person_id, x.association_id FROM access.membership_v1 x`,
      );
      await admin.query('DROP POLICY mamis_read ON membership.person');
      await admin.query('ALTER TABLE training.attendance NO FORCE ROW LEVEL SECURITY');
      const before = await platformDrift(admin, { insideTransaction: true });
      expect(before.drift.map((d) => d.key)).toEqual([
        'policy membership.person.mamis_read',
        'row security training.attendance',
        'view access.related_person_v1',
      ]);
      const { up, down, manual } = platformMigrationStatements(before.drift);
      expect(manual).toEqual([]);
      for (const q of up) await admin.query(q);
      expect(await platformDrift(admin, { insideTransaction: true })).toEqual({ drift: [] });
      for (const q of down) await admin.query(q);
      const after = await platformDrift(admin, { insideTransaction: true });
      expect(after.drift.map((d) => d.key)).toEqual(before.drift.map((d) => d.key));
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  it('takes over a database made by the former bootstrap (platform DDL re-applied on start) and keeps its audit trail', async () => {
    await withScratchDatabase(async (url) => {
      // the former bootstrap: services' migrations, then the platform DDL applied directly
      await bootstrapDatabase({ adminUrl: url, schemaOnly: true });
      await withClient(url, async (c) => {
        await applyPlatformDefinition(c);
        await c.query(
          `INSERT INTO audit.entry (request_id, service, viewer_kind, person_ids, groups, prev_hash, hash)
           VALUES ('r1', 'membership', 'STAFF', ARRAY[gen_random_uuid()], ARRAY['CONTACT'], '\\x00', '\\x00')`,
        );
      });
      const { applied } = await bootstrapDatabase({ adminUrl: url });
      expect(applied).toEqual(migrations.map((m) => `${PLATFORM_STREAM}: ${m.name}`));
      await withClient(url, async (c) => {
        expect((await c.query('SELECT count(*)::int AS n FROM audit.entry')).rows[0].n).toBe(1);
        expect((await c.query('SELECT * FROM audit.verify()')).rows).toEqual([]);
        expect(await platformDrift(c)).toEqual({ drift: [] });
      });
      // and a later start re-applies nothing
      expect((await bootstrapDatabase({ adminUrl: url })).applied).toEqual([]);
    }, serverUrl());
  }, 180_000);

  it('reverts every platform migration (down) and applies them again', async () => {
    await withScratchDatabase(async (url) => {
      await bootstrapDatabase({ adminUrl: url });
      const { dataSource } = makePlatformDataSource(url);
      await dataSource.initialize();
      try {
        for (let i = 0; i < migrations.length; i++)
          await dataSource.undoLastMigration({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
      await withClient(url, async (c) => {
        const schemas = await c.query(
          `SELECT nspname FROM pg_namespace WHERE nspname IN ('access', 'audit')`,
        );
        expect(schemas.rows).toEqual([]);
        const rls = await c.query(
          `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('membership', 'training', 'insurance_pension', 'consent') AND c.relrowsecurity`,
        );
        expect(rls.rows).toEqual([]);
      });
      expect((await bootstrapDatabase({ adminUrl: url })).applied).toHaveLength(migrations.length);
      await withClient(url, async (c) => expect(await platformDrift(c)).toEqual({ drift: [] }));
    }, serverUrl());
  }, 180_000);
});
