import { randomUUID } from 'node:crypto';
import {
  buildAssociation,
  buildAttendance,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  buildTrainingSession,
} from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { loadSupergraph } from '../support/graphql-args';
import { fuzzCases, seededRandom, type FuzzCase } from '../support/graphql-fuzz';
import { startStack, type Stack, type TestViewer } from '../support/stack';

/**
 * Bad input never gives INTERNAL. EVERY query and mutation of the composed supergraph
 * (read at test time) is called through the gateway with generated arguments — valid ones and ones
 * with one malformed leaf (impossible dates, empty/garbage ids, NUL and control characters, bidi
 * overrides, zero-width characters, extreme numbers) — as staff, a physician and anonymous. A
 * seeded generator (FUZZ_SEED to replay another run): the same cases every run.
 * Expected: no HTTP 5xx and no INTERNAL error (an error has one of the public codes).
 */

const SEED = Number(process.env.FUZZ_SEED ?? 18);
const PER_FIELD = Number(process.env.FUZZ_PER_FIELD ?? 12);
const CONCURRENCY = 4;

describe('input fuzz: every query and mutation through the gateway, 0 INTERNAL, 0 5xx', () => {
  let db: TestDatabase;
  let stack: Stack;
  const viewers: Record<string, TestViewer | null> = { anonymous: null };
  const ids: string[] = [];
  const schema = loadSupergraph();
  const roots = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ['query', f] as const),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ['mutation', f] as const),
  ].filter(([, f]) => !f.name.startsWith('_'));

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const muni = await buildAssociation(c, { code: 'M13001', tier: 'MUNICIPAL', parent_id: pref.id });
    const me = await buildPerson(c);
    const other = await buildPerson(c);
    for (const a of [jma, pref, muni]) await buildMembership(c, { person_id: me.id, association_id: a.id });
    await buildMembership(c, { person_id: other.id, association_id: muni.id });
    const session = await buildTrainingSession(c, { host_association_id: muni.id });
    await buildAttendance(c, { session_id: session.id, person_id: me.id });
    await buildTermsVersion(c);
    ids.push(jma.id, pref.id, muni.id, me.id, other.id, session.id);
    viewers.staff = {
      kind: 'STAFF',
      sub: randomUUID(),
      associationId: pref.id,
      associationTier: 'PREFECTURAL',
      role: 'ADMIN',
    };
    viewers.physician = { kind: 'PHYSICIAN', sub: randomUUID(), personId: me.id };
    stack = await startStack(db, {}, { gatewayEnv: { RATE_LIMIT_ENABLED: 'false' } });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('reads every root field of the composed supergraph', () => {
    expect(roots.map(([, f]) => f.name)).toEqual(
      expect.arrayContaining(['people', 'associations', 'updatePerson', 'createPerson', 'acceptTerms']),
    );
  });

  it('the cases from the issue answer BAD_USER_INPUT with the field path', async () => {
    const probes: [string, Record<string, unknown>, string][] = [
      ['query($p: ID) { associations(parentId: $p) { id } }', { p: '' }, 'parentId'],
      ['query($p: ID) { associations(parentId: $p) { id } }', { p: 'abc' }, 'parentId'],
      [
        'mutation($id: ID!, $v: Int!, $b: Date) { updatePerson(id: $id, version: $v, input: { birthDate: $b }) { id } }',
        { id: '00000000-0000-4000-8000-000000000000', v: 1, b: '2023-02-30' },
        'input.birthDate',
      ],
      [
        'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, version: $v, input: { familyName: "山\u0000田" }) { id } }',
        { id: '00000000-0000-4000-8000-000000000000', v: 1 },
        'input.familyName',
      ],
      [
        'mutation($id: ID!, $v: Int!, $a: String) { updatePerson(id: $id, version: $v, input: { address: $a }) { id } }',
        { id: '00000000-0000-4000-8000-000000000000', v: 1, a: '東京都\u202e区' },
        'input.address',
      ],
      [
        'query { statistics { certificateExpiryForecast(fromFiscalYear: 0, toFiscalYear: 0) { total } } }',
        {},
        'fromFiscalYear',
      ],
    ];
    const wrong: string[] = [];
    for (const [query, variables, field] of probes) {
      const res = await stack.queryAs(viewers.staff!, query, variables);
      const e = res.body.errors?.[0];
      const text = JSON.stringify(e ?? null);
      if (e?.extensions?.code !== 'BAD_USER_INPUT' || !text.includes(field))
        wrong.push(`${query} ${JSON.stringify(variables)} → ${res.status} ${text}`);
    }
    expect(wrong).toEqual([]);
  });

  it(`generated cases (seed ${SEED}): no INTERNAL, no 5xx`, async () => {
    const rnd = seededRandom(SEED);
    const cases: [string, FuzzCase][] = [];
    for (const [op, field] of roots)
      for (const viewer of Object.keys(viewers))
        for (const c of fuzzCases(field, op, rnd, { ids }, PER_FIELD)) cases.push([viewer, c]);
    const wrong: string[] = [];
    const tally: Record<string, number> = {};
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const [viewer, c] = cases[next++]!;
        const v = viewers[viewer];
        const res = v
          ? await stack.queryAs(v, c.query, c.variables)
          : await stack.query(c.query, c.variables);
        const codes = (res.body.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
        for (const code of codes.length ? codes : ['OK']) tally[code] = (tally[code] ?? 0) + 1;
        if (res.status >= 500 || codes.includes('INTERNAL') || codes.includes('NO_CODE'))
          wrong.push(
            `${c.field} as ${viewer} (${c.kind}${c.at ? ` at ${c.at}` : ''}): HTTP ${res.status} ${JSON.stringify(
              res.body.errors?.[0]?.message ?? '',
            ).slice(0, 200)} vars ${JSON.stringify(c.variables).slice(0, 200)}`,
          );
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `input fuzz: ${roots.length} root fields, ${cases.length} cases, ${wrong.length} wrong; codes ${JSON.stringify(tally)}` +
        (wrong.length ? `\n  ${wrong.slice(0, 80).join('\n  ')}` : ''),
    );
    expect(wrong).toEqual([]);
  }, 600_000); // ~2,300 requests: a budget for a loaded machine, as the access matrix has
});
