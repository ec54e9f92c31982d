import type { DataSource } from 'typeorm';
import { addDays, clock, runAsSystem } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import {
  StatisticsRepository,
  type MemberDimension,
  type MemberFilter,
} from '../src/repositories/statistics.repository';
import { expectMemberOrderMaintained } from './support/member-order';

/**
 * `members` answers from the maintained summaries (by category; by category and prefecture; by age
 * band and sex) when one has every dimension and filter asked; every other shape scans the population. Both must give the same answer for the same data,
 * whatever the statuses and moves of the memberships behind it.
 */
describe('StatisticsRepository.members: maintained counts = the population scan (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: StatisticsRepository;
  const associations: string[] = [];
  // today (the members' ages are counted on this day): whatever the run's clock
  const asOf = clock.today();
  // and the day before (two of the persons turn 30 between the two: the bands are of the day asked)
  const days = [asOf, addDays(asOf, -1)];
  // the fiscal year (April–March) of today, and the one before
  const fiscalYear = Number(asOf.slice(0, 4)) - (Number(asOf.slice(5, 7)) < 4 ? 1 : 0);

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    for (let i = 0; i < 3; i++) associations.push((await buildAssociation(c)).id);
    const empty = (await buildAssociation(c)).id;
    associations.push(empty);
    const categories = ['A①', 'A②', 'B', 'C'];
    const statuses = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'LEFT', 'TRANSFERRED', 'DECEASED'];
    // a deterministic mix: every association × category × status, some persons in several
    for (let i = 0; i < 60; i++) {
      const p = await buildPerson(c);
      const status = statuses[i % statuses.length]!;
      for (const [k, a] of associations.slice(0, 3).entries())
        if ((i + k) % 3 !== 0)
          await buildMembership(c, {
            person_id: p.id,
            association_id: a,
            category: categories[(i + k) % categories.length]!,
            status,
            left_on: status === 'ACTIVE' ? null : '2025-03-31',
          });
    }
    // a category change and a move after the fact: the counts follow updates too
    await c.query(
      `UPDATE membership.membership SET category = 'C' WHERE id IN (
         SELECT id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE' AND category = 'B' LIMIT 2)`,
      [associations[0]],
    );
    await c.query(
      `UPDATE membership.membership SET status = 'LEFT', left_on = $2 WHERE id IN (
         SELECT id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE' LIMIT 3)`,
      [associations[1], clock.today()],
    );
    // the persons' attributes change after the fact: the summaries by prefecture, sex and birth
    // date follow (the copies on the periods and the counts, in the person's transaction)
    await c.query(
      `UPDATE membership.person SET prefecture_code = CASE WHEN prefecture_code = 13 THEN NULL ELSE 13 END,
              sex = CASE WHEN sex = 'MALE' THEN 'FEMALE' ELSE 'MALE' END
        WHERE id IN (SELECT person_id FROM membership.membership WHERE association_id = $1 LIMIT 4)`,
      [associations[2]],
    );
    await c.query(
      `UPDATE membership.person SET birth_date = ($2::date - interval '30 years')::date
        WHERE id IN (SELECT person_id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE' ORDER BY id LIMIT 2)`,
      [associations[0], clock.today()],
    );
    await c.query(
      `UPDATE membership.person SET birth_date = ($2::date - interval '30 years' + interval '1 day')::date
        WHERE id IN (SELECT person_id FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE' ORDER BY id DESC LIMIT 2)`,
      [associations[0], clock.today()],
    );
    // member flow: joins and leaves spread over fifteen years (some on April 1 and March 31, the
    // fiscal years' edges), earlier periods of the same persons (a person who left and rejoined
    // counts once in the population), then dates corrected, periods moved and deleted after the fact
    await c.query(
      `UPDATE membership.membership m SET joined_on = x.joined, left_on = CASE WHEN m.left_on IS NULL THEN NULL ELSE x.left END
         FROM (SELECT id, ($1::date - (n * 83) % 5400)::date AS joined,
                      least($1::date, ($1::date - (n * 83) % 5400 + 30 + (n * 37) % 2000)::date) AS left
                 FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM membership.membership) r) x
        WHERE x.id = m.id`,
      [asOf],
    );
    await c.query(
      `UPDATE membership.membership SET joined_on = make_date($1::int - 4, 4, 1), left_on = CASE WHEN left_on IS NULL THEN NULL ELSE make_date($1::int - 1, 3, 31) END
        WHERE id IN (SELECT id FROM membership.membership ORDER BY id LIMIT 6)`,
      [fiscalYear],
    );
    for (const [i, a] of associations.slice(0, 3).entries()) {
      const persons = await c.query<{ person_id: string; joined_on: string }>(
        `SELECT person_id, (joined_on - 1)::text AS joined_on FROM membership.membership WHERE association_id = $1 ORDER BY id LIMIT $2`,
        [a, 6 + i],
      );
      for (const [j, p] of persons.rows.entries())
        await buildMembership(c, {
          person_id: p.person_id,
          association_id: a,
          category: 'B',
          status: 'LEFT',
          joined_on: addDays(p.joined_on, -400 * (j + 1)),
          left_on: j % 2 === 0 ? p.joined_on : addDays(p.joined_on, -200),
        });
    }
    await c.query(
      `UPDATE membership.membership SET left_on = left_on + 400
        WHERE id IN (SELECT id FROM membership.membership WHERE left_on IS NOT NULL AND left_on < $1::date - 800 ORDER BY id LIMIT 5)`,
      [asOf],
    );
    await c.query(
      `UPDATE membership.membership SET association_id = $1
        WHERE id IN (SELECT id FROM membership.membership WHERE association_id = $2 AND status <> 'ACTIVE'
                        AND person_id NOT IN (SELECT person_id FROM membership.membership WHERE association_id = $1)
                      ORDER BY id LIMIT 2)`,
      [associations[0], associations[1]],
    );
    await c.query(
      `DELETE FROM membership.membership WHERE id IN (
         SELECT id FROM membership.membership WHERE status = 'LEFT' AND association_id = $1 ORDER BY id DESC LIMIT 3)`,
      [associations[2]],
    );
    // dues invoices of two fiscal years in every payment state (exempt ¥0 ones too), then paid,
    // paid in part, overpaid, repriced, moved to another year and deleted after the fact: the
    // maintained dues collection follows every statement
    await c.query(
      `INSERT INTO membership.dues_invoice (id, association_id, person_id, fiscal_year, category_code, annual_fee_yen,
         months, amount_yen, paid_yen, status, reference, issued_on, issued_by)
       SELECT gen_random_uuid(), m.association_id, m.person_id, fy.y, m.category, 28000, 12,
              CASE WHEN n % 7 = 0 THEN 0 ELSE 1000 * (n % 5 + 1) END,
              CASE n % 4 WHEN 0 THEN 0 WHEN 1 THEN 500 WHEN 2 THEN 1000 * (n % 5 + 1) ELSE 9000 END,
              'OPEN', fy.y::text || lpad(n::text, 6, '0'), $1::date, 'test'
         FROM (SELECT *, row_number() OVER (ORDER BY id) AS n
                 FROM (SELECT DISTINCT ON (association_id, person_id) * FROM membership.membership
                        ORDER BY association_id, person_id, id) one) m
        CROSS JOIN (VALUES ($2::int - 1), ($2::int)) fy (y)`,
      [asOf, fiscalYear],
    );
    await c.query(
      `UPDATE membership.dues_invoice SET paid_yen = amount_yen, status = 'PAID'
        WHERE id IN (SELECT id FROM membership.dues_invoice WHERE paid_yen = 0 AND amount_yen > 0 ORDER BY id LIMIT 5)`,
    );
    await c.query(
      `UPDATE membership.dues_invoice SET paid_yen = paid_yen + 100
        WHERE id IN (SELECT id FROM membership.dues_invoice WHERE paid_yen = 0 AND amount_yen > 0 ORDER BY id DESC LIMIT 5)`,
    );
    await c.query(
      `UPDATE membership.dues_invoice SET amount_yen = amount_yen + 7000
        WHERE id IN (SELECT id FROM membership.dues_invoice WHERE paid_yen >= amount_yen ORDER BY id LIMIT 4)`,
    );
    await c.query(
      `UPDATE membership.dues_invoice SET fiscal_year = fiscal_year + 1
        WHERE id IN (SELECT id FROM membership.dues_invoice WHERE fiscal_year = $1 ORDER BY id LIMIT 3)`,
      [fiscalYear],
    );
    await c.query(
      `DELETE FROM membership.dues_invoice WHERE id IN (SELECT id FROM membership.dues_invoice ORDER BY id DESC LIMIT 4)`,
    );
    await expectMemberOrderMaintained(c);
    ds = makeDataSource(db.urlFor('membership')).dataSource;
    await ds.initialize();
    repo = new StatisticsRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const shapes: { groupBy: MemberDimension[]; filter: MemberFilter }[] = [
    { groupBy: ['CATEGORY'], filter: {} },
    { groupBy: [], filter: {} },
    { groupBy: ['CATEGORY'], filter: { category: 'A②' } },
    { groupBy: [], filter: { category: 'C' } },
    { groupBy: [], filter: { category: 'none of them' } },
    // by prefecture (member_prefecture_count)
    { groupBy: ['PREFECTURE'], filter: {} },
    { groupBy: ['CATEGORY', 'PREFECTURE'], filter: {} },
    { groupBy: ['PREFECTURE', 'CATEGORY'], filter: { category: 'B' } },
    { groupBy: ['CATEGORY'], filter: { prefectureCode: 13 } },
    { groupBy: [], filter: { prefectureCode: 0 } },
    // by age band and sex on the day asked (member_birth_count)
    { groupBy: ['AGE_BAND', 'SEX'], filter: {} },
    { groupBy: ['SEX', 'AGE_BAND'], filter: {} },
    { groupBy: ['AGE_BAND'], filter: { sex: 'FEMALE' } },
    { groupBy: ['SEX'], filter: { ageBand: '30-39' } },
    { groupBy: [], filter: { ageBand: '<30', sex: 'MALE' } },
    // what no summary has: scanned on both sides
    { groupBy: ['CATEGORY', 'SEX'], filter: {} },
  ];

  it.each(shapes)('groupBy $groupBy, filter $filter: the same cells and population', async (shape) => {
    for (const a of associations) {
      for (const day of days) {
        const maintained = await runAsSystem(() => repo.members(a, day, shape.groupBy, shape.filter));
        const scanned = await runAsSystem(() => repo.membersScanned(a, day, shape.groupBy, shape.filter));
        expect(maintained).toEqual(scanned);
      }
    }
  });

  it('the data is not trivial: several categories and an empty association', async () => {
    const first = await runAsSystem(() => repo.members(associations[0]!, asOf, ['CATEGORY'], {}));
    expect(first.cells.length).toBeGreaterThanOrEqual(3);
    const byPrefecture = await runAsSystem(() => repo.members(associations[2]!, asOf, ['PREFECTURE'], {}));
    expect(byPrefecture.cells.map((c) => c.keys[0])).toContain('(none)');
    expect(byPrefecture.cells.length).toBeGreaterThanOrEqual(2);
    // two persons turned 30 today: the bands of yesterday and today differ
    const [today, yesterday] = await Promise.all(
      days.map((day) => runAsSystem(() => repo.members(associations[0]!, day, ['AGE_BAND'], {}))),
    );
    expect(today).not.toEqual(yesterday);
    expect(today!.population).toBe(yesterday!.population);
    const empty = await runAsSystem(() => repo.members(associations[3]!, asOf, [], {}));
    expect(empty).toEqual({ cells: [{ keys: [], count: 0 }], population: 0 });
  });

  it.each([
    [-16, 0],
    [-10, -1],
    [-4, -4],
    [-5, -2],
    [-1, 0],
    [0, 2],
    [1, 3],
  ])(
    'memberFlow of fiscal years today %d to today %d: the summaries = the periods scanned',
    async (from, to) => {
      for (const a of associations) {
        const summarised = await runAsSystem(() => repo.memberFlow(a, fiscalYear + from, fiscalYear + to));
        const scanned = await runAsSystem(() =>
          repo.memberFlowScanned(a, fiscalYear + from, fiscalYear + to),
        );
        expect(summarised).toEqual(scanned);
      }
    },
  );

  it('the flow data is not trivial: persons with several events in the range, years without', async () => {
    const t = await runAsSystem(() => repo.memberFlow(associations[0]!, fiscalYear - 16, fiscalYear));
    const events = t.cells.reduce((sum, cell) => sum + cell.count, 0);
    expect(t.population).toBeGreaterThan(10);
    expect(t.population).toBeLessThan(events);
    expect(t.cells.some((cell) => cell.count === 0)).toBe(true);
  });

  it.each([-2, -1, 0, 1])(
    'duesCollection of fiscal year today %d: the summary = the invoices scanned',
    async (offset) => {
      for (const a of associations) {
        const summarised = await runAsSystem(() => repo.duesCollection(a, fiscalYear + offset));
        const scanned = await runAsSystem(() => repo.duesCollectionScanned(a, fiscalYear + offset));
        expect(summarised).toEqual(scanned);
      }
    },
  );

  it('the dues data is not trivial: every payment state, exempt invoices left out', async () => {
    const t = await runAsSystem(() => repo.duesCollection(associations[0]!, fiscalYear - 1));
    expect(t.cells.every((cell) => cell.count > 0)).toBe(true);
    expect(t.collectedYen).toBeGreaterThan(0);
    expect(t.collectedYen).toBeLessThan(t.invoicedYen);
    const { rows } = await db
      .admin()
      .then((c) =>
        c.query(
          `SELECT count(*)::int AS n FROM membership.dues_invoice WHERE association_id = $1 AND amount_yen = 0`,
          [associations[0]],
        ),
      );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
