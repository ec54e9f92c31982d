import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';

/**
 * The batching promise for credit summaries: a page of 500 members with their progress, ledger and
 * certificates costs the training subgraph the same number of SQL statements as a page of one.
 */
describe('credit summaries of a 500-member page', () => {
  let db: TestDatabase;
  let stack: Stack;
  let associationId: string;
  let staff: TestViewer;

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    associationId = (await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL' })).id;
    for (let i = 0; i < 500; i++) {
      const p = await buildPerson(c, { given_name_kana: `タロウ${String(i).padStart(4, '0')}` });
      await buildMembership(c, { person_id: p.id, association_id: associationId });
      // ~20 ledger lines each, over four fiscal years and a few curriculum codes
      await c.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, evidence, recorded_by)
         SELECT gen_random_uuid(), $1, 'CME', ((g % 12) + 1)::text, 1.5, DATE '2022-04-01' + (g * 70), 'MANUAL', 'logbook', 'seed'
         FROM generate_series(0, 19) g`,
        [p.id],
      );
      if (i % 10 === 0)
        await c.query(
          `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
             verification_code, issuer_association_id, issued_by)
           VALUES ($1, $2, $3, 'CME', '2024-04-01', '2027-03-31', '山田', $4, $5, 'seed')`,
          [randomUUID(), `CME-${i}`, p.id, `CODE-${i}`, associationId],
        );
    }
    stack = await startStack(db);
    staff = { kind: 'STAFF', associationId, associationTier: 'PREFECTURAL', role: 'CLERK' };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const FIELDS = `
      trainingSummary(program: "CME", asOf: "2025-03-31") { eligible units distinctCodes total deadline
        requirements { key missing } }
      creditLedger(program: "CME", from: "2024-04-01") { code units }
      certificates { number validTo }`;

  /**
   * What the gateway sends the training subgraph for a members page: `_entities` with one Person
   * representation per member (straight to the subgraph: the gateway's cost limit caps pages
   * below 500). The subgraph reports its statements in `x-sql-statements`.
   */
  const entities = async (personIds: string[]) => {
    const viewer = {
      kind: 'STAFF' as const,
      associationId,
      associationTier: 'PREFECTURAL' as const,
      role: 'CLERK' as const,
      scopes: [],
    };
    const res = await fetch(stack.subgraphUrls.training!, {
      method: 'POST',
      headers: { ...(await stack.subgraphHeaders('training', viewer)), 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ${FIELDS} } } }`,
        variables: { r: personIds.map((id) => ({ __typename: 'Person', id })) },
      }),
    });
    const body = (await res.json()) as {
      data?: { _entities: { trainingSummary: { units: number; distinctCodes: number; total: number } }[] };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    return { statements: Number(res.headers.get('x-sql-statements')), nodes: body.data!._entities };
  };

  it('issues a constant number of SQL statements in the training subgraph for 1 and for 500 persons', async () => {
    const c = await db.admin();
    const { rows } = await c.query<{ person_id: string }>(
      'SELECT person_id::text FROM membership.membership WHERE association_id = $1 ORDER BY person_id',
      [associationId],
    );
    const ids = rows.map((r) => r.person_id);
    expect(ids).toHaveLength(500);
    const one = await entities(ids.slice(0, 1));
    const many = await entities(ids);
    expect(one.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(one.statements);
    for (const f of ['id', 'trainingSummary(program: "CME", asOf: "2025-03-31") { units }', 'creditLedger(program: "CME", from: "2024-04-01") { code }', 'creditLedger { code }', 'certificates { number }']) {
      const t = Date.now();
      const viewer = { kind: 'STAFF' as const, associationId, associationTier: 'PREFECTURAL' as const, role: 'CLERK' as const, scopes: [] };
      const r = await fetch(stack.subgraphUrls.training!, { method: 'POST', headers: { ...(await stack.subgraphHeaders('training', viewer)), 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${f} } } }`, variables: { r: ids.map((id) => ({ __typename: 'Person', id })) } }) });
      await r.text();
      console.log('TIMING', f, Date.now() - t);
    }
    expect(many.nodes).toHaveLength(500);
    // and the numbers are real: as of 2025-03-31 (FY2022-2024) each person has the entries up to
    // that date: days 0..1082 at 70-day steps = 16 entries × 1.5 units over 12 codes
    expect(many.nodes[0]!.trainingSummary).toMatchObject({ units: 24, distinctCodes: 12, total: 36 });
    expect(many.nodes.every((n) => n.trainingSummary.units === 24)).toBe(true);
  });

  it('answers the same page through the gateway with the summary of each member', async () => {
    const res = await stack.queryAs<{
      association: { members: { nodes: { trainingSummary: { units: number } }[] } };
    }>(staff, `query ($id: ID!) { association(id: $id) { members(first: 20) { nodes { id ${FIELDS} } } } }`, {
      id: associationId,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.association.members.nodes.map((n) => n.trainingSummary.units)).toEqual(
      Array(20).fill(24),
    );
  });
});
