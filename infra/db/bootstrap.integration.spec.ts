import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { bootstrapDatabase } from './bootstrap';
import { SUBGRAPHS, roleOf } from '../services';

describe('database bootstrap', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is idempotent: a second run applies no migration', async () => {
    const { applied } = await bootstrapDatabase({ adminUrl: db.adminUrl });
    expect(applied).toEqual([]);
  });

  it('keeps no GIN pending list on the audit trail (no append pays a merge of thousands)', async () => {
    const admin = await db.admin();
    const r = await admin.query<{ reloptions: string[] | null }>(
      `SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'audit' AND c.relname = 'entry_person_ids_idx'`,
    );
    expect(r.rows[0]?.reloptions).toContain('fastupdate=off');
  });

  it('gives each service role its own schema only, and makes it own nothing', async () => {
    const admin = await db.admin();
    for (const svc of SUBGRAPHS) {
      const role = roleOf(svc.schema);
      const r = await admin.query(
        `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1`,
        [role],
      );
      expect(r.rows[0]).toEqual({
        rolsuper: false,
        rolbypassrls: false,
        rolcreatedb: false,
        rolcreaterole: false,
      });
      const owned = await admin.query(
        `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
        [role],
      );
      expect(owned.rows).toEqual([]);
    }
  });

  it('lets a service read its own tables and refuses another service’s', async () => {
    const membership = new Client({ connectionString: db.urlFor('membership') });
    await membership.connect();
    try {
      await expect(membership.query('SELECT count(*) FROM membership.person')).resolves.toBeDefined();
      await expect(
        membership.query('SELECT count(*) FROM insurance_pension.insurance_enrolment'),
      ).rejects.toThrow(/permission denied/);
      await expect(membership.query('SELECT count(*) FROM membership.typeorm_migrations')).rejects.toThrow(
        /permission denied/,
      );
      await expect(membership.query('CREATE TABLE membership.sneaky (x int)')).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await membership.end();
    }
  });
});
