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
});
