import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../test/support/builders';
import { personCore } from './expected';
import { explainable, floorPlans, floorPlansMarkdown } from './floor-plans';

/** The expert floors' plans in the report: read floors explained, write floors never run twice. */
describe('floor plans (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await db.admin();
    const a = await buildAssociation(admin);
    personId = (await buildPerson(admin)).id;
    await buildMembership(admin, { person_id: personId, association_id: a.id });
    pool = new Pool({ connectionString: db.adminUrl, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('explains each statement of a read floor and still returns its answer', async () => {
    let answer: unknown;
    const plans = await floorPlans(pool, async (p) => (answer = await personCore(p, personId)));
    expect(answer).toEqual({ person: expect.objectContaining({ id: personId }) });
    expect(plans).toHaveLength(1);
    expect(plans![0]!.sql).toMatch(/^SELECT id::text AS "id"/);
    expect(plans![0]!.params).toEqual([personId]);
    expect(plans![0]!.plan.join('\n')).toMatch(/Index Scan using \S+ on person/);
    expect(plans![0]!.plan.join('\n')).toMatch(/Execution Time/);
    const md = floorPlansMarkdown('W1', plans!).join('\n');
    expect(md).toContain('### W1 floor');
    expect(md).toContain('```sql');
  });

  it('runs nothing of a floor that writes or opens a transaction', async () => {
    const before = await pool.query(`SELECT count(*)::int AS n FROM membership.association`);
    await expect(
      floorPlans(pool, (p) =>
        p.query(`INSERT INTO membership.association (code, name, tier) VALUES ('X1', 'x', 'DISTRICT')`),
      ),
    ).resolves.toBeUndefined();
    await expect(
      floorPlans(pool, async (p) => {
        const c = await p.connect();
        c.release();
      }),
    ).resolves.toBeUndefined();
    const after = await pool.query(`SELECT count(*)::int AS n FROM membership.association`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(explainable('WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x')).toBe(false);
    expect(explainable('  select 1')).toBe(true);
  });
});
