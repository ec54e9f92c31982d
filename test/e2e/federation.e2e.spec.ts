import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import {
  buildAssociation,
  buildAttendance,
  buildJmaAndTokyo,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTermsAcceptance,
  buildTermsVersion,
  buildTrainingSession,
} from '../support/builders';

/**
 * The whole path: client → gateway → four subgraphs → PostgreSQL, over real HTTP, and the
 * batching promise: SQL statements per subgraph do not grow with the number of persons.
 */
describe('federation through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let associationId: string;
  const personIds: string[] = [];
  let staff: TestViewer;
  const query = <T>(q: string, v?: Record<string, unknown>) => stack.queryAs<T>(staff, q, v);

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const { tokyo } = await buildJmaAndTokyo(c);
    const muni = await buildAssociation(c, { code: 'M13001', name: '千代田区医師会', parent_id: tokyo.id });
    associationId = tokyo.id;
    const session = await buildTrainingSession(c, { host_association_id: muni.id });
    const terms = await buildTermsVersion(c);
    for (let i = 0; i < 200; i++) {
      const p = await buildPerson(c, { given_name_kana: `タロウ${String(i).padStart(4, '0')}` });
      personIds.push(p.id);
      await buildMembership(c, { person_id: p.id, association_id: muni.id });
      await buildMembership(c, { person_id: p.id, association_id: tokyo.id });
      await buildAttendance(c, { session_id: session.id, person_id: p.id });
      await buildInsuranceEnrolment(c, {
        person_id: p.id,
        rider: i % 3 === 0,
        rider_coverage_yen: i % 3 === 0 ? 100_000_000 : null,
      });
      await buildTermsAcceptance(c, { person_id: p.id, terms_version_id: terms.id });
    }
    stack = await startStack(db);
    // prefectural staff: its members' insurance is theirs to see (municipal staff would not)
    staff = { kind: 'STAFF', associationId: tokyo.id, associationTier: 'PREFECTURAL', role: 'ADMIN' };
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const MEMBERS_QUERY = `
    query Members($id: ID!, $first: Int!) {
      association(id: $id) {
        name
        members(first: $first) {
          totalCount
          nodes {
            id familyName givenNameKana registryNumber
            memberships { category status association { code tier } }
            trainingAttendances { status units session { title programCode } }
            malpracticeInsurance { insuranceYear rider riderCoverageYen }
            termsAcceptances { version method }
          }
        }
      }
    }`;

  it('answers one query spanning all four subgraphs for a person (the physician themself)', async () => {
    const res = await stack.queryAs<{ person: Record<string, unknown> }>(
      { kind: 'PHYSICIAN', personId: personIds[0] },
      `query ($id: ID!) { person(id: $id) {
          familyName registryNumber
          memberships { association { name } }
          trainingAttendances { units session { title } }
          malpracticeInsurance { insuranceYear rider riderCoverageYen }
          termsAcceptances { version }
      } }`,
      { id: personIds[0] },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.person).toEqual({
      familyName: '山田',
      registryNumber: expect.any(String),
      memberships: expect.arrayContaining([
        { association: { name: '千代田区医師会' } },
        { association: { name: '東京都医師会' } },
      ]),
      trainingAttendances: [{ units: 1.5, session: { title: '生涯教育講座' } }],
      malpracticeInsurance: { insuranceYear: 2026, rider: true, riderCoverageYen: 100_000_000 },
      termsAcceptances: [{ version: '1.01' }],
    });
  });

  it('issues the same number of SQL statements per subgraph for 1 and for 200 persons', async () => {
    const count = async (first: number) => {
      const before = Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.sql.total]));
      const res = await query<{ association: { members: { nodes: unknown[]; totalCount: number } } }>(
        MEMBERS_QUERY,
        { id: associationId, first },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.association.members.nodes).toHaveLength(first);
      expect(res.body.data?.association.members.totalCount).toBe(200);
      return Object.fromEntries(
        Object.entries(stack.services).map(([n, s]) => [n, s.sql.total - before[n]!]),
      );
    };
    const one = await count(1);
    const many = await count(200);
    expect(many).toEqual(one);
    // and every subgraph was actually asked (a subgraph answering from nothing would make this moot)
    for (const n of Object.keys(one)) expect(one[n]).toBeGreaterThan(0);
  });

  it('paginates members with a cursor in kana order', async () => {
    const page = async (after?: string) =>
      (
        await query<{
          association: {
            members: {
              nodes: { givenNameKana: string }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
        }>(
          `query ($id: ID!, $after: String) { association(id: $id) { members(first: 150, after: $after) {
              nodes { givenNameKana } pageInfo { hasNextPage endCursor } } } }`,
          { id: associationId, after },
        )
      ).body.data!.association.members;
    const p1 = await page();
    expect(p1.nodes).toHaveLength(150);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = await page(p1.pageInfo.endCursor);
    expect(p2.nodes).toHaveLength(50);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const all = [...p1.nodes, ...p2.nodes].map((n) => n.givenNameKana);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(200);
  });

  it('rejects a malformed cursor with BAD_USER_INPUT and a field path', async () => {
    const res = await query(
      `query ($id: ID!) { association(id: $id) { members(first: 5, after: "garbage") { totalCount } } }`,
      { id: associationId },
    );
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('returns null for an unknown person id; a non-UUID id is BAD_USER_INPUT on its argument', async () => {
    const unknown = await query<{ a: unknown }>(
      `{ a: person(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(unknown.body.errors).toBeUndefined();
    expect(unknown.body.data).toEqual({ a: null });
    const malformed = await query<{ b: unknown }>(`{ b: person(id: "x") { id } }`);
    expect(malformed.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      details: { reason: 'INVALID_ID' },
    });
  });

  it('serves _service and _entities on each subgraph', async () => {
    for (const [name, url] of Object.entries(stack.subgraphUrls)) {
      const res = await fetch(url, {
        method: 'POST',
        headers: await stack.subgraphHeaders(name, { kind: 'PHYSICIAN', personId: personIds[1], scopes: [] }),
        body: JSON.stringify({
          query:
            'query ($r: [_Any!]!) { _service { sdl } _entities(representations: $r) { __typename ... on Person { id } } }',
          variables: { r: [{ __typename: 'Person', id: personIds[1] }] },
        }),
      });
      const body = (await res.json()) as { data: { _service: { sdl: string }; _entities: { id: string }[] } };
      expect(body.data._service.sdl).toContain('type Person');
      expect(body.data._entities).toEqual([{ __typename: 'Person', id: personIds[1] }]);
      expect(name).toBeTruthy();
    }
  });

  it('answers /healthz and /readyz on every subgraph', async () => {
    for (const url of Object.values(stack.subgraphUrls)) {
      const base = url.replace(/\/graphql$/, '');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    }
  });
});
