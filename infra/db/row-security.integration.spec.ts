import { type Client } from 'pg';
import { createDataSource, requestScope, runAsSystem, runAsViewer, type Viewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildStaffViewer,
} from '../../test/support/builders';
import { SUBGRAPHS, roleOf } from '../services';
import { personKeyedTables } from './row-security';

/**
 * Defence in depth: PostgreSQL row-level security under the access policy. Person-keyed
 * tables are ENABLE + FORCE; the service roles are neither owners nor BYPASSRLS; the viewer is set
 * per transaction by the services' pg client, so no row crosses viewers on pooled connections.
 */
describe('row-level security (real PostgreSQL, service roles)', () => {
  let db: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
  });
  afterAll(async () => db?.drop());

  it('catalog: every person-keyed table of every subgraph schema has RLS enabled and forced, with policies', async () => {
    const schemas = SUBGRAPHS.map((s) => s.schema);
    const tables = await personKeyedTables(admin, schemas);
    // the known person-keyed tables are among them (and the list grows with the schemas)
    expect(tables.map(([s, t]) => `${s}.${t}`)).toEqual(
      expect.arrayContaining([
        'membership.person',
        'membership.membership',
        'training.attendance',
        'insurance_pension.insurance_enrolment',
        'consent.terms_acceptance',
      ]),
    );
    const { rows } = await admin.query<{ name: string; enabled: boolean; forced: boolean; policies: number }>(
      `SELECT n.nspname || '.' || c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [tables.map(([s]) => s), tables.map(([, t]) => t)],
    );
    expect(rows).toHaveLength(tables.length);
    const bad = rows.filter((r) => !r.enabled || !r.forced || r.policies < 4).map((r) => r.name);
    expect(bad).toEqual([]);
  });

  it('catalog: service roles own no table and cannot bypass RLS', async () => {
    const roles = SUBGRAPHS.map((s) => roleOf(s.schema));
    const { rows } = await admin.query<{ rolname: string; rolbypassrls: boolean; rolsuper: boolean }>(
      'SELECT rolname, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = ANY($1)',
      [roles],
    );
    expect(rows).toHaveLength(roles.length);
    expect(rows.filter((r) => r.rolbypassrls || r.rolsuper)).toEqual([]);
    const owned = await admin.query(
      `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = ANY($1)`,
      [roles],
    );
    expect(owned.rows).toEqual([]);
  });

  describe('viewers on pooled connections', () => {
    const N = 6;
    let assocs: string[];
    let persons: string[][];
    let ds: ReturnType<typeof createDataSource>['dataSource'];

    beforeAll(async () => {
      assocs = [];
      persons = [];
      for (let i = 0; i < N; i++) {
        const a = (await buildAssociation(admin)).id;
        assocs.push(a);
        const ps: string[] = [];
        for (let j = 0; j < 3; j++) {
          const p = (await buildPerson(admin)).id;
          await buildMembership(admin, { person_id: p, association_id: a });
          ps.push(p);
        }
        persons.push(ps);
      }
      // two connections for many interleaved viewers
      ({ dataSource: ds } = createDataSource({
        url: db.urlFor('membership'),
        schema: 'membership',
        entities: [],
        migrations: [],
        poolSize: 2,
      }));
      await ds.initialize();
    });
    afterAll(async () => ds?.destroy());

    const selectAll = async () =>
      ((await ds.query('SELECT id::text FROM membership.person')) as { id: string }[])
        .map((r) => r.id)
        .sort();

    it('with no viewer set, person-keyed tables return no rows to the service role', async () => {
      expect(await selectAll()).toEqual([]);
      expect(await ds.query('SELECT 1 FROM membership.membership')).toEqual([]);
    });

    it('a staff viewer reads its own members only; a physician only themself', async () => {
      expect(await runAsViewer(buildStaffViewer(assocs[0]!), selectAll)).toEqual([...persons[0]!].sort());
      const physician: Viewer = { kind: 'PHYSICIAN', sub: 'p', personId: persons[3]![1], scopes: [] };
      expect(await runAsViewer(physician, selectAll)).toEqual([persons[3]![1]]);
    });

    it('tables keyed by person_id too: staff read the rows of their own members only', async () => {
      const memberships = (viewer: Viewer) =>
        runAsViewer(viewer, async () =>
          ((await ds.query('SELECT person_id::text AS p FROM membership.membership')) as { p: string }[])
            .map((r) => r.p)
            .sort(),
        );
      for (let i = 0; i < N; i++)
        expect(await memberships(buildStaffViewer(assocs[i]!))).toEqual([...persons[i]!].sort());
      const physician: Viewer = { kind: 'PHYSICIAN', sub: 'p', personId: persons[2]![0], scopes: [] };
      expect(await memberships(physician)).toEqual([persons[2]![0]]);
    });

    it('many interleaved viewers on two connections: no row crosses viewers', async () => {
      const runs = Array.from({ length: 120 }, (_, k) => k % N);
      const results = await Promise.all(
        runs.map((i) =>
          runAsViewer(buildStaffViewer(assocs[i]!), async () => {
            const first = await selectAll();
            // an explicit transaction too (the write path)
            const inTx = await ds.transaction(
              async (m) =>
                (
                  (await m.query('SELECT count(*)::int AS n FROM membership.membership')) as { n: number }[]
                )[0]!.n,
            );
            return { i, first, inTx };
          }),
        ),
      );
      for (const r of results) {
        expect(r.first).toEqual([...persons[r.i]!].sort());
      }
      // after all that, an unscoped statement on the same pooled connections still sees nothing
      expect(await selectAll()).toEqual([]);
    });

    it('a failing statement fails alone: its error, its transaction rolled back, the pooled connection clean', async () => {
      // the client sends BEGIN + settings, the statement and COMMIT together (pipeline mode)
      const outcomes = await Promise.allSettled(
        Array.from({ length: 40 }, (_, k) =>
          runAsViewer(buildStaffViewer(assocs[k % N]!), async () => {
            if (k % 3 === 0) {
              // a write that fails after touching a visible row: nothing of it may remain
              await ds.query(
                `UPDATE membership.person SET email = 'half@example.jp' WHERE id = $1 AND 1 / (SELECT count(*) - count(*) FROM membership.person) = 1`,
                [persons[k % N]![0]],
              );
            }
            return { i: k % N, rows: await selectAll() };
          }),
        ),
      );
      for (const [k, o] of outcomes.entries()) {
        if (k % 3 === 0) {
          expect(o.status).toBe('rejected');
          expect(String((o as PromiseRejectedResult).reason)).toMatch(/division by zero/);
        } else {
          expect(o.status).toBe('fulfilled');
          const v = (o as PromiseFulfilledResult<{ i: number; rows: string[] }>).value;
          expect(v.rows).toEqual([...persons[v.i]!].sort());
        }
      }
      const { rows } = await admin.query(`SELECT 1 FROM membership.person WHERE email = 'half@example.jp'`);
      expect(rows).toEqual([]);
      expect(await selectAll()).toEqual([]);
      expect(await runAsViewer(buildStaffViewer(assocs[1]!), selectAll)).toEqual([...persons[1]!].sort());
    });

    it('a request’s statements stop at its statement timeout, a job’s do not, and the connection stays usable', async () => {
      const asRequest = <T>(timeoutMs: number, fn: () => Promise<T>) =>
        requestScope.run({ requestId: 'r-timeout', sqlStatements: 0, statementTimeoutMs: timeoutMs }, () =>
          runAsViewer(buildStaffViewer(assocs[0]!), fn),
        );
      await expect(asRequest(150, () => ds.query('SELECT pg_sleep(1)'))).rejects.toThrow(/statement timeout/);
      // inside an explicit transaction too (the write path): the transaction is rolled back
      await expect(
        asRequest(150, () =>
          ds.transaction(async (m) => {
            await m.query(`UPDATE membership.person SET email = 'slow@example.jp' WHERE id = $1`, [
              persons[0]![0],
            ]);
            await m.query('SELECT pg_sleep(1)');
          }),
        ),
      ).rejects.toThrow(/statement timeout/);
      const { rows } = await admin.query(`SELECT 1 FROM membership.person WHERE email = 'slow@example.jp'`);
      expect(rows).toEqual([]);
      // a statement within the bound, and then one of a background job (no bound) of the same length
      expect(await asRequest(5_000, () => ds.query('SELECT pg_sleep(0.2) AS ok'))).toHaveLength(1);
      expect(await runAsSystem(() => ds.query('SELECT pg_sleep(0.3) AS ok'))).toHaveLength(1);
      expect(await runAsViewer(buildStaffViewer(assocs[1]!), selectAll)).toEqual([...persons[1]!].sort());
    });

    it('a background job (SYSTEM) sees all rows; staff of one association cannot update another’s member', async () => {
      expect((await runAsSystem(selectAll)).length).toBeGreaterThanOrEqual(N * 3);
      const updated = (await runAsViewer(buildStaffViewer(assocs[0]!), () =>
        ds.query(`UPDATE membership.person SET email = 'x@example.jp' WHERE id = $1`, [persons[1]![0]]),
      )) as [unknown[], number];
      expect(updated[1]).toBe(0);
    });
  });
});
