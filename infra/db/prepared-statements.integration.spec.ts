import type { Socket } from 'node:net';
import { type Client } from 'pg';
import { createDataSource, RELATIONS_SQL, runAsViewer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildStaffViewer,
} from '../../test/support/builders';

/**
 * A request's parameterised statements go to PostgreSQL as named prepared statements of their
 * connection (services/platform/src/rls.ts): parsed and rewritten once, and after five runs
 * possibly a generic plan. Row security must hold exactly as before: the viewer is read when the
 * statement runs, so one prepared statement (and its generic plan) serves every viewer with their
 * own rows only.
 */
describe('prepared statements under row security (real PostgreSQL, service role)', () => {
  const N = 4;
  let db: TestDatabase;
  let admin: Client;
  const assocs: string[] = [];
  const persons: string[][] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    for (let i = 0; i < N; i++) {
      const a = (await buildAssociation(admin)).id;
      assocs.push(a);
      const ps: string[] = [];
      for (let j = 0; j < 3; j++) {
        const p = (await buildPerson(admin, { family_name_kana: `ア${i}${j}` })).id;
        await buildMembership(admin, { person_id: p, association_id: a });
        ps.push(p);
      }
      persons.push(ps);
    }
  });
  afterAll(async () => db?.drop());

  const open = async (preparedStatements: boolean, poolSize: number) => {
    const { dataSource } = createDataSource({
      url: db.urlFor('membership'),
      schema: 'membership',
      entities: [],
      migrations: [],
      poolSize,
      preparedStatements,
    });
    await dataSource.initialize();
    return dataSource;
  };

  /** One statement text with a parameter, as TypeORM sends them. */
  const VISIBLE = `SELECT id::text FROM membership.person WHERE family_name_kana >= $1 ORDER BY id`;

  it('the same prepared statement, run 200 times by interleaved viewers on two connections, answers each with their own rows', async () => {
    const ds = await open(true, 2);
    try {
      const runs = Array.from({ length: 200 }, (_, k) => k % N);
      const results = await Promise.all(
        runs.map((i) =>
          runAsViewer(buildStaffViewer(assocs[i]!), async () => ({
            i,
            ids: ((await ds.query(VISIBLE, ['ア'])) as { id: string }[]).map((r) => r.id),
          })),
        ),
      );
      for (const r of results) expect(r.ids).toEqual([...persons[r.i]!].sort());
    } finally {
      await ds.destroy();
    }
  });

  it('is prepared once per connection, and PostgreSQL runs it (generic or custom plans) many times', async () => {
    const ds = await open(true, 1);
    try {
      for (let k = 0; k < 12; k++)
        await runAsViewer(buildStaffViewer(assocs[k % N]!), () => ds.query(VISIBLE, ['ア']));
      const stats = (await runAsViewer(buildStaffViewer(assocs[0]!), () =>
        ds.query(
          `SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE statement = $1`,
          [VISIBLE],
        ),
      )) as { runs: string }[];
      expect(stats).toHaveLength(1);
      expect(Number(stats[0]!.runs)).toBeGreaterThanOrEqual(12);
    } finally {
      await ds.destroy();
    }
  });

  it('DB_PREPARED_STATEMENTS=off: nothing is prepared, the answers are the same', async () => {
    const ds = await open(false, 1);
    try {
      for (let i = 0; i < N; i++)
        expect(
          (
            (await runAsViewer(buildStaffViewer(assocs[i]!), () => ds.query(VISIBLE, ['ア']))) as {
              id: string;
            }[]
          ).map((r) => r.id),
        ).toEqual([...persons[i]!].sort());
      const stats = (await runAsViewer(buildStaffViewer(assocs[0]!), () =>
        ds.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`),
      )) as { n: number }[];
      expect(stats[0]!.n).toBe(0);
    } finally {
      await ds.destroy();
    }
  });

  it("the batched relation query is a prepared statement whose generic plan probes each person's facts (never hashes a whole association's)", async () => {
    const ds = await open(true, 1);
    try {
      for (let k = 0; k < 8; k++) {
        const rows = (await runAsViewer(buildStaffViewer(assocs[0]!), () =>
          ds.query(RELATIONS_SQL, [assocs[0], persons[0], false, []]),
        )) as { person_id: string; member: boolean }[];
        expect(rows.map((r) => r.member)).toEqual([true, true, true]);
      }
      const stats = (await runAsViewer(buildStaffViewer(assocs[0]!), () =>
        ds.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [
          RELATIONS_SQL,
        ]),
      )) as { n: number }[];
      expect(stats[0]!.n).toBe(1);
    } finally {
      await ds.destroy();
    }
    // the plan a prepared statement may keep after five runs: with the association, the JMA flag
    // and the societies unknown, a hashed subplan would read every fact row of the viewer's
    // association (the JMA's: ~300k persons, 130–210 ms) to answer for a few persons
    const generic = await db.admin();
    try {
      await generic.query(`SET plan_cache_mode = force_generic_plan`);
      await generic.query(`PREPARE relations_generic(uuid, uuid[], boolean, text[]) AS ${RELATIONS_SQL}`);
      // EXPLAIN EXECUTE takes no bind parameters: the (generated) ids as literals
      const ids = persons[0]!.map((id) => `'${id}'`).join(', ');
      const plan = await generic.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (VERBOSE) EXECUTE relations_generic('${assocs[0]}', ARRAY[${ids}]::uuid[], true, ARRAY['society'])`,
      );
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/SubPlan/);
      expect(text).not.toMatch(/hashed SubPlan/);
    } finally {
      await generic.end();
    }
  });

  it('statements without parameters stay on the simple protocol (several in one text still run)', async () => {
    const ds = await open(true, 1);
    try {
      await expect(
        runAsViewer(buildStaffViewer(assocs[1]!), () =>
          ds.query(`SELECT 1 AS a; SELECT count(*)::int AS n FROM membership.person`),
        ),
      ).resolves.not.toThrow();
      const stats = (await runAsViewer(buildStaffViewer(assocs[1]!), () =>
        ds.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`),
      )) as { n: number }[];
      expect(stats[0]!.n).toBe(0);
    } finally {
      await ds.destroy();
    }
  });
  it('a scoped statement goes to PostgreSQL in one socket write: BEGIN + settings, the statement and COMMIT together', async () => {
    const ds = await open(true, 1);
    try {
      const viewer = buildStaffViewer(assocs[2]!);
      const statement = () => runAsViewer(viewer, () => ds.query(VISIBLE, ['ア2']));
      await statement(); // connects the pooled client
      const pool = (ds.driver as unknown as { master: { _clients: { connection: { stream: Socket } }[] } })
        .master;
      const stream = pool._clients[0]!.connection.stream;
      let writes = 0;
      const write = stream._write.bind(stream);
      const writev = stream._writev!.bind(stream);
      stream._write = (...a: Parameters<Socket['_write']>) => {
        writes++;
        return write(...a);
      };
      stream._writev = (...a: Parameters<NonNullable<Socket['_writev']>>) => {
        writes++;
        return writev(...a);
      };
      const rows = (await statement()) as { id: string }[];
      expect(rows.map((r) => r.id)).toEqual([...persons[2]!].sort());
      expect(writes).toBe(1);
    } finally {
      await ds.destroy();
    }
  });
});
