import {
  buildAssociation,
  buildAttendance,
  buildInsuranceEnrolment,
  buildMembership,
  buildPerson,
  buildTrainingSession,
} from '../support/builders';
import { pinClock, resetClock, type PublishedAnswer } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import { seededRandom } from '@mamis/platform/src/seeded-random';
import { leaks, type Truth } from '../support/statistics-attacker';

/**
 * Statistics through the gateway over HTTP: aggregate statistics with disclosure control.
 * The population patterns are the source document's: a member up to the prefectural level only is
 * not a JMA member; a municipal-only member belongs to neither the prefecture nor the JMA.
 */
type Table = {
  dimensions: string[];
  cells: { keys: string[]; count: number | null; suppressed: boolean }[];
  total: number | null;
  suppressedCells: number;
};
type Errors = {
  message: string;
  path?: string[];
  extensions?: { code?: string; details?: { reason?: string } };
}[];

const MEMBERS = `query Members($id: ID, $filter: MemberStatisticsFilter, $groupBy: [MemberDimension!]!) {
  statistics(associationId: $id) { associationId k members(filter: $filter, groupBy: $groupBy) {
    dimensions cells { keys count suppressed } total suppressedCells } }
}`;

/** The generated population of P40 (filled in by the set-up). */
const FAMILY: Truth = {
  dims: ['CATEGORY', 'SEX'],
  domains: [
    ['A', 'B', 'C'],
    ['FEMALE', 'MALE'],
  ],
  counts: new Map(),
};

describe('statistics (gateway, membership subgraph, disclosure control)', () => {
  let db: TestDatabase;
  let stack: Stack;
  const ids: Record<string, string> = {};
  const staff = (
    assoc: 'JMA' | 'P13' | 'M1' | 'P14' | 'P27' | 'P40',
    tier: 'NATIONAL' | 'PREFECTURAL' | 'MUNICIPAL',
  ): TestViewer => ({
    kind: 'STAFF',
    sub: `staff-${assoc}`,
    associationId: ids[assoc],
    associationTier: tier,
    role: 'CLERK',
  });
  const analytics: TestViewer = { kind: 'CLIENT', sub: 'analytics-1', scopes: ['analytics:aggregate'] };

  beforeAll(async () => {
    // The population below is of fiscal years 2024–2029 as seen on one day: the clock is pinned there.
    pinClock('2026-12-06T12:00:00+09:00');
    db = await createTestDatabase();
    const c = await db.admin();
    ids.JMA = (await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null })).id;
    ids.P13 = (await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: ids.JMA })).id;
    ids.M1 = (await buildAssociation(c, { code: 'M13001', tier: 'MUNICIPAL', parent_id: ids.P13 })).id;
    const person = async (sex: 'MALE' | 'FEMALE', memberOf: string[], category = 'A①') => {
      const p = await buildPerson(c, { sex });
      for (const a of memberOf)
        await buildMembership(c, { person_id: p.id, association_id: ids[a]!, category });
      return p.id;
    };
    const credit = (personId: string, units: number, extra: { session_id?: string } = {}) =>
      c.query(
        `INSERT INTO training.credit_entry (id, person_id, program_code, code, units, earned_on, source, session_id, evidence, recorded_by)
         VALUES (gen_random_uuid(), $1, 'CME', 'CC01', $2, '2025-10-01', $3, $4, $5, 'test')`,
        [
          personId,
          units,
          extra.session_id ? 'SESSION' : 'MANUAL',
          extra.session_id ?? null,
          extra.session_id ? null : 'logbook',
        ],
      );
    const certificate = (personId: string, program: string, validTo: string) =>
      c.query(
        `INSERT INTO training.certificate (id, number, person_id, program_code, valid_from, valid_to, holder_name,
           verification_code, issuer_association_id, issued_by)
         VALUES (gen_random_uuid(), gen_random_uuid()::text, $1, $2, '2024-04-01', $3, '山田', gen_random_uuid()::text, $4, 'test')`,
        [personId, program, validTo, ids.JMA],
      );
    // up to the JMA: 33 men, 7 women; 30 earned 12 CME units in fiscal 2025; certificates
    for (let i = 0; i < 40; i++) {
      const id = await person(i < 33 ? 'MALE' : 'FEMALE', ['M1', 'P13', 'JMA']);
      if (i < 30) await credit(id, 12);
      if (i < 25) await buildInsuranceEnrolment(c, { person_id: id, insurance_year: 2026 });
      if (i < 15) await certificate(id, 'OCCUPATIONAL', '2029-03-31');
      else if (i < 27) await certificate(id, 'SPORTS', '2027-03-31');
    }
    // non-members attending a JMA programme (CME) session hosted by the municipal association
    const session = await buildTrainingSession(c, { host_association_id: ids.M1!, program_code: 'CME' });
    for (let i = 0; i < 12; i++) {
      const p = await buildPerson(c);
      await buildAttendance(c, { session_id: session.id, person_id: p.id });
      await credit(p.id, 6, { session_id: session.id });
    }
    // up to the prefecture only: 25 A①, 5 B; the prefecture's fiscal 2026 dues: 20 paid, 5 partly, 5 not
    for (let i = 0; i < 30; i++) {
      const id = await person(i % 2 ? 'MALE' : 'FEMALE', ['M1', 'P13'], i < 25 ? 'A①' : 'B');
      await c.query(
        `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
           months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
         VALUES (gen_random_uuid(), $1, $2, 2026, 'A①', 10000, 12, 10000, $3, 'OPEN', $4, '2026-04-01', 'test')`,
        [ids.P13, id, i < 20 ? 10000 : i < 25 ? 5000 : 0, `2026${String(i).padStart(6, '0')}`],
      );
    }
    // municipal only
    for (let i = 0; i < 20; i++) await person('FEMALE', ['M1']);
    // former members of the prefecture (left in fiscal year 2024)
    for (let i = 0; i < 5; i++) {
      const p = await buildPerson(c);
      await buildMembership(c, {
        person_id: p.id,
        association_id: ids.P13!,
        status: 'LEFT',
        joined_on: '2010-04-01',
        left_on: '2024-09-30',
      });
    }
    // two prefectures shaped like the outside testers' 東京都医師会: categories A 60, B 74, C 7
    // (141 members); four of the C members hold a SPORTS certificate
    for (const code of ['P14', 'P27']) {
      ids[code] = (
        await buildAssociation(c, { code, tier: 'PREFECTURAL', parent_id: ids.JMA, prefecture_code: 14 })
      ).id;
      for (const [category, n] of [
        ['A', 60],
        ['B', 74],
        ['C', 7],
      ] as const)
        for (let i = 0; i < n; i++) {
          const id = await person(i % 2 ? 'MALE' : 'FEMALE', [code], category);
          if (code === 'P14' && category === 'C' && i < 4) await certificate(id, 'SPORTS', '2028-03-31');
        }
    }
    // a seeded population for the generated attacks: category × sex, category C below k
    ids.P40 = (
      await buildAssociation(c, { code: 'P40', tier: 'PREFECTURAL', parent_id: ids.JMA, prefecture_code: 40 })
    ).id;
    const r = seededRandom(40);
    for (const category of FAMILY.domains[0]!)
      for (const sex of FAMILY.domains[1]!) {
        const n =
          category === 'C'
            ? 1 + Math.floor(r() * 4)
            : category === 'A'
              ? 12 + Math.floor(r() * 25)
              : Math.floor(r() * 40);
        FAMILY.counts.set(`${category}|${sex}`, n);
        for (let i = 0; i < n; i++) await person(sex as 'MALE' | 'FEMALE', ['P40'], category);
      }
    stack = await startStack(db);
  }, 180_000);

  afterAll(async () => {
    resetClock();
    await stack?.close();
    await db?.drop();
  });

  const members = (viewer: TestViewer, variables: Record<string, unknown>) =>
    stack.queryAs<{ statistics: { members: Table; k: number } | null }>(viewer, MEMBERS, variables);

  it("a prefecture's statistics count its members only (not municipal-only members, not former members)", async () => {
    const res = await members(staff('P13', 'PREFECTURAL'), { groupBy: ['CATEGORY'] });
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data!.statistics!.members;
    expect(t.total).toBe(70);
    // B has 5 < k: suppressed, and its only complement too
    expect(t.cells).toEqual([
      { keys: ['A①'], count: null, suppressed: true },
      { keys: ['B'], count: null, suppressed: true },
    ]);
    // the municipal association counts all 90 of its members
    const m = await members(staff('M1', 'MUNICIPAL'), { groupBy: [] });
    expect(m.body.data!.statistics!.members.total).toBe(90);
  });

  it('refuses a filter that narrows the population below k, and a differencing query', async () => {
    const small = await members(staff('P13', 'PREFECTURAL'), { groupBy: ['SEX'], filter: { category: 'B' } });
    expect(small.body.data?.statistics?.members ?? null).toBeNull();
    expect((small.body.errors as Errors)[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', details: { reason: 'POPULATION_BELOW_K' } },
    });
    // the earlier query counted 70; A① alone is 65: the 5 others would be isolated
    const diff = await members(staff('P13', 'PREFECTURAL'), { groupBy: ['SEX'], filter: { category: 'A①' } });
    expect((diff.body.errors as Errors)[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', details: { reason: 'DIFFERENCE_BELOW_K' } },
    });
  });

  it("the analytics client gets the JMA's population, with small cells and their complements suppressed", async () => {
    const res = await members(analytics, { groupBy: ['SEX'] });
    expect(res.body.errors).toBeUndefined();
    const t = res.body.data!.statistics!.members;
    expect(t.total).toBe(40);
    expect(t.cells).toEqual([
      { keys: ['FEMALE'], count: null, suppressed: true },
      { keys: ['MALE'], count: null, suppressed: true },
    ]);
    // by age band: all 40 in one band, nothing to hide
    const age = await members(analytics, { groupBy: ['AGE_BAND'] });
    expect(age.body.data!.statistics!.members.cells).toEqual([
      { keys: ['40-49'], count: 40, suppressed: false },
    ]);
  });

  it('the analytics client reads aggregates only: no person, no other population', async () => {
    const person = await stack.queryAs(analytics, `{ people(first: 5) { nodes { id } } }`);
    expect((person.body.errors as Errors)[0]!.extensions!.code).toBe('FORBIDDEN');
    const other = await members(analytics, { id: ids.P13, groupBy: [] });
    expect((other.body.errors as Errors)[0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it("staff read their own association's statistics only; physicians none", async () => {
    const res = await members(staff('M1', 'MUNICIPAL'), { id: ids.P13, groupBy: [] });
    expect((res.body.errors as Errors)[0]!.extensions!.code).toBe('FORBIDDEN');
    const physician = await members(
      { kind: 'PHYSICIAN', sub: 'p-1', personId: '00000000-0000-4000-8000-000000000001' },
      {
        groupBy: [],
      },
    );
    expect((physician.body.errors as Errors)[0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('joins and leaves per fiscal year, small counts suppressed, net only from published counts', async () => {
    const res = await stack.queryAs<{ statistics: { memberFlow: Table } }>(
      staff('P13', 'PREFECTURAL'),
      `{ statistics { memberFlow(fromFiscalYear: 2015, toFiscalYear: 2024) { cells { keys count suppressed } } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const cells = res.body.data!.statistics.memberFlow.cells;
    const get = (fy: string, kind: string) => cells.find((c) => c.keys[0] === fy && c.keys[1] === kind)!;
    expect(get('2015', 'JOIN')).toEqual({ keys: ['2015', 'JOIN'], count: 70, suppressed: false });
    expect(get('2024', 'LEAVE').suppressed).toBe(true); // 5 leavers
    expect(get('2024', 'NET')).toEqual({ keys: ['2024', 'NET'], count: null, suppressed: true });
    expect(get('2015', 'NET')).toEqual({ keys: ['2015', 'NET'], count: 70, suppressed: false });
    // no fiscal year or flow column is left with a single hidden cell
    for (const line of [...new Set(cells.map((c) => c.keys[0]))])
      expect(cells.filter((c) => c.keys[0] === line && c.keys[1] !== 'NET' && c.suppressed)).not.toHaveLength(
        1,
      );
  });

  it('training aggregates (training subgraph, through the Statistics entity): credits, holders, expiries', async () => {
    const TRAINING = `{ statistics {
      trainingCredits(programCode: "CME", fiscalYear: 2025) { dimensions cells { keys count suppressed } total }
      certificateHolders(groupBy: [PROGRAM]) { cells { keys count suppressed } total }
      certificateExpiryForecast(fromFiscalYear: 2025, toFiscalYear: 2029) { cells { keys count suppressed } }
    } }`;
    type T = { statistics: Record<string, Table> };
    // the JMA's population includes the 12 non-member participants of its programme
    const jma = await stack.queryAs<T>(analytics, TRAINING);
    expect(jma.body.errors).toBeUndefined();
    const st = jma.body.data!.statistics;
    expect(st.trainingCredits!.total).toBe(52);
    expect(st.trainingCredits!.cells).toEqual([
      { keys: ['0'], count: 10, suppressed: false },
      { keys: ['10-19.5'], count: 30, suppressed: false },
      { keys: ['5-9.5'], count: 12, suppressed: false },
    ]);
    expect(st.certificateHolders!.cells).toEqual([
      { keys: ['OCCUPATIONAL'], count: 15, suppressed: false },
      { keys: ['SPORTS'], count: 12, suppressed: false },
    ]);
    expect(st.certificateExpiryForecast!.cells).toEqual([
      { keys: ['2026', 'SPORTS'], count: 12, suppressed: false },
      { keys: ['2028', 'OCCUPATIONAL'], count: 15, suppressed: false },
    ]);
    // the prefecture counts its 70 members only: not the JMA-programme participants
    const pref = await stack.queryAs<T>(
      staff('P13', 'PREFECTURAL'),
      `{ statistics { trainingCredits(programCode: "CME", fiscalYear: 2025) { cells { keys count } total } } }`,
    );
    expect(pref.body.errors).toBeUndefined();
    expect(pref.body.data!.statistics.trainingCredits!.total).toBe(70);
    expect(pref.body.data!.statistics.trainingCredits!.cells).toEqual([
      { keys: ['0'], count: 40 },
      { keys: ['10-19.5'], count: 30 },
    ]);
  });

  it("dues collection of the association's own invoices: counts by status after suppression, yen sums and rate", async () => {
    const res = await stack.queryAs<{ statistics: { duesCollection: Table & Record<string, number> } }>(
      staff('P13', 'PREFECTURAL'),
      `{ statistics { duesCollection(fiscalYear: 2026) { cells { keys count suppressed } total invoicedYen collectedYen rate } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.statistics.duesCollection;
    expect(d.cells).toEqual([
      { keys: ['PAID'], count: 20, suppressed: false },
      { keys: ['PARTIAL'], count: null, suppressed: true },
      { keys: ['UNPAID'], count: null, suppressed: true },
    ]);
    expect([d.total, d.invoicedYen, d.collectedYen, d.rate]).toEqual([30, 300000, 225000, 0.75]);
    // the municipal association has no invoices of its own: nothing to count
    const m = await stack.queryAs(
      staff('M1', 'MUNICIPAL'),
      `{ statistics { duesCollection(fiscalYear: 2026) { total } } }`,
    );
    // a query without filters is never refused for its size: nothing invoiced, all zero
    expect(m.body.errors).toBeUndefined();
    expect(m.body.data).toEqual({ statistics: { duesCollection: { total: 0 } } });
  });

  it("answers yen sums beyond 32 bits exactly (the JMA's dues are about ¥17 billion a year)", async () => {
    // twelve invoices of ¥200,000,000 each: ¥2.4 billion invoiced, ¥2.0 billion collected, more
    // than a GraphQL Int (2^31 − 1) holds
    const c = await db.admin();
    const { rows } = await c.query<{ person_id: string }>(
      `SELECT person_id FROM membership.membership WHERE association_id = $1 ORDER BY person_id LIMIT 12`,
      [ids.JMA],
    );
    for (const [i, r] of rows.entries())
      await c.query(
        `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
           months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
         VALUES (gen_random_uuid(), $1, $2, 2025, 'A①', 200000000, 12, 200000000, $3, 'OPEN', $4, '2025-04-01', 'test')`,
        [ids.JMA, r.person_id, i < 10 ? 200000000 : 0, `2025${String(i).padStart(6, '0')}`],
      );
    const res = await stack.queryAs<{ statistics: { duesCollection: Record<string, number> } }>(
      staff('JMA', 'NATIONAL'),
      `{ statistics { duesCollection(fiscalYear: 2025) { total invoicedYen collectedYen rate } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data!.statistics.duesCollection;
    expect([d.total, d.invoicedYen, d.collectedYen]).toEqual([12, 2_400_000_000, 2_000_000_000]);
    expect(d.rate).toBeCloseTo(2 / 2.4, 6);
  });

  it('refuses the two-query recovery of a suppressed cell (141 − 74 − 60 = 7), and keeps answering what is safe', async () => {
    const tokyo = staff('P14', 'PREFECTURAL');
    const byCategory = await members(tokyo, { groupBy: ['CATEGORY'] });
    expect(byCategory.body.errors).toBeUndefined();
    const t = byCategory.body.data!.statistics!.members;
    expect(t.total).toBe(141);
    expect(t.cells).toEqual([
      { keys: ['A'], count: null, suppressed: true },
      { keys: ['B'], count: 74, suppressed: false },
      { keys: ['C'], count: null, suppressed: true },
    ]);
    // category A alone (60, far from the earlier 141: pairwise differencing sees nothing) would
    // give C = 141 − 74 − 60 = 7
    const a = await members(tokyo, { groupBy: [], filter: { category: 'A' } });
    expect(a.body.data?.statistics?.members ?? null).toBeNull();
    expect((a.body.errors as Errors)[0]).toMatchObject({
      path: ['statistics', 'members'],
      extensions: { code: 'BAD_USER_INPUT', details: { reason: 'COMBINATION_BELOW_K' } },
    });
    // what adds nothing a requester could combine into a small count is still answered
    const b = await members(tokyo, { groupBy: ['SEX'], filter: { category: 'B' } });
    expect(b.body.errors).toBeUndefined();
    expect(b.body.data!.statistics!.members.total).toBe(74);
    // and so is everything to anyone else
    const other = await members(analytics, { groupBy: ['CATEGORY'] });
    expect(other.body.errors).toBeUndefined();
  });

  it('refuses the same attack asked in one request (two aliases): the answers are audited one at a time', async () => {
    const res = await stack.queryAs<{ statistics: Record<string, Table | null> }>(
      staff('P27', 'PREFECTURAL'),
      `{ statistics {
          all: members(groupBy: [CATEGORY]) { cells { keys count suppressed } total }
          a: members(filter: { category: "A" }, groupBy: []) { total }
      } }`,
    );
    const errors = (res.body.errors ?? []) as Errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions!.details!.reason).toBe('COMBINATION_BELOW_K');
    const st = res.body.data!.statistics;
    // exactly one of the two is answered, whichever came first
    expect([st.all, st.a].filter((x) => x === null)).toHaveLength(1);
  });

  it('a generated (seeded) family of differencing attacks: whatever is answered, no small count is confined', async () => {
    const viewer = staff('P40', 'PREFECTURAL');
    const r = seededRandom(4040);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    type Q = { filter: Record<string, string>; groupBy: string[] };
    const toArg = { CATEGORY: 'category', SEX: 'sex' } as Record<string, string>;
    const queries: Q[] = [{ filter: {}, groupBy: ['CATEGORY'] }];
    // the two-query shape for every category, then random tables and totals
    for (const v of FAMILY.domains[0]!) queries.push({ filter: { CATEGORY: v }, groupBy: [] });
    for (let i = 0; i < 10; i++) {
      const groupBy = FAMILY.dims.filter(() => r() < 0.5);
      const filter: Record<string, string> = {};
      FAMILY.dims.forEach((d, j) => {
        if (!groupBy.includes(d) && r() < 0.6) filter[d] = pick(FAMILY.domains[j]!);
      });
      queries.push({ filter, groupBy });
    }
    const published: PublishedAnswer[] = [];
    const reasons: string[] = [];
    for (const q of queries) {
      const filter = Object.fromEntries(Object.entries(q.filter).map(([d, v]) => [toArg[d]!, v]));
      const res = await members(viewer, { groupBy: q.groupBy, filter });
      const t = res.body.data?.statistics?.members;
      if (!t) {
        const e = (res.body.errors as Errors)[0]!;
        expect(e.extensions!.code).toBe('BAD_USER_INPUT');
        reasons.push(e.extensions!.details!.reason!);
        continue;
      }
      const filters = Object.fromEntries(Object.entries(q.filter).map(([d, v]) => [d, [v]]));
      published.push(
        t.cells.length === 0 && q.groupBy.length > 0
          ? { filters, dimensions: [], cells: t.total ? [{ keys: [], count: t.total }] : [], total: t.total }
          : {
              filters,
              dimensions: q.groupBy,
              cells: t.cells.map((c) => ({ keys: c.keys, count: c.count })),
              total: t.total,
            },
      );
    }
    // the attack on category C is stopped, and (with this many small cells: B♀ 1, C♀ 2, C♂ 4)
    // half of the questions are still answered; the rest are refused as narrowing below k or as
    // combining into a small count
    expect(reasons).toContain('COMBINATION_BELOW_K');
    expect(published.length).toBeGreaterThanOrEqual(queries.length / 2);
    expect(await leaks(FAMILY, published, 10, 10)).toEqual([]);
  });

  it('a refused aggregate is null with its own error; the other aggregates of the request answer', async () => {
    const res = await stack.queryAs<{ statistics: Record<string, Table | null> | null }>(
      staff('P14', 'PREFECTURAL'),
      `{ statistics {
          associationId
          trainingCredits(programCode: "CME", fiscalYear: 2025) { cells { keys count } total }
          certificateHolders(programCode: "SPORTS") { total }
      } }`,
    );
    expect(res.body.data!.statistics).not.toBeNull();
    expect(res.body.data!.statistics!.trainingCredits).toEqual({
      cells: [{ keys: ['0'], count: 141 }],
      total: 141,
    });
    expect(res.body.data!.statistics!.certificateHolders).toBeNull();
    expect(res.body.errors as Errors).toEqual([
      expect.objectContaining({
        path: ['statistics', 'certificateHolders'],
        extensions: expect.objectContaining({
          code: 'BAD_USER_INPUT',
          details: expect.objectContaining({ reason: 'POPULATION_BELOW_K' }),
        }),
      }),
    ]);
  });

  it('a query with no filter is answered however few it counts: a small total is suppressed, not refused', async () => {
    const res = await stack.queryAs<{ statistics: { certificateHolders: Table } }>(
      staff('P14', 'PREFECTURAL'),
      `{ statistics { certificateHolders { cells { keys count suppressed } total suppressedCells } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.statistics.certificateHolders).toEqual({
      cells: [{ keys: [], count: null, suppressed: true }],
      total: null,
      suppressedCells: 1,
    });
    // the whole population of 141 members by the memberFlow of years without events: zeros
    const flow = await stack.queryAs<{ statistics: { memberFlow: Table } }>(
      staff('P14', 'PREFECTURAL'),
      `{ statistics { memberFlow(fromFiscalYear: 2000, toFiscalYear: 2001) { total } } }`,
    );
    expect(flow.body.errors).toBeUndefined();
    expect(flow.body.data!.statistics.memberFlow.total).toBe(0);
  });

  it('insurance enrolment among eligible JMA members: the JMA and the prefecture, never the municipality', async () => {
    const Q = `{ statistics { insuranceEnrolment(insuranceYear: 2026) { cells { keys count suppressed } total rate } } }`;
    type T = { statistics: { insuranceEnrolment: Table & { rate: number | null } } };
    for (const viewer of [analytics, staff('P13', 'PREFECTURAL')]) {
      const res = await stack.queryAs<T>(viewer, Q);
      expect(res.body.errors).toBeUndefined();
      const t = res.body.data!.statistics.insuranceEnrolment;
      expect(t.cells).toEqual([
        { keys: ['ENROLLED'], count: 25, suppressed: false },
        { keys: ['NOT_ENROLLED'], count: 15, suppressed: false },
      ]);
      expect(t.rate).toBeCloseTo(25 / 40);
    }
    const municipal = await stack.queryAs<T>(staff('M1', 'MUNICIPAL'), Q);
    expect((municipal.body.errors as Errors)[0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('audits every statistics query, answered or refused: who, which aggregate, which filters', async () => {
    const c = await db.admin();
    const { rows } = await c.query(
      `SELECT actor, viewer_kind, aggregate, filters, group_by, refused FROM audit.statistics_query ORDER BY id`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'staff-P13',
          aggregate: 'members',
          filters: { category: 'B' },
          refused: 'POPULATION_BELOW_K',
        }),
        expect.objectContaining({
          actor: 'staff-P13',
          filters: { category: 'A①' },
          refused: 'DIFFERENCE_BELOW_K',
        }),
        expect.objectContaining({
          actor: 'analytics-1',
          viewer_kind: 'CLIENT',
          group_by: ['SEX'],
          refused: null,
        }),
      ]),
    );
    await expect(c.query('DELETE FROM audit.statistics_query')).rejects.toThrow();
  });
});
