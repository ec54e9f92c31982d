import type { DataSource } from 'typeorm';
import { clock, runAsSystem } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { StatisticsRepository, type MemberFilter } from '../src/repositories/statistics.repository';

/**
 * `members` by CATEGORY (or ungrouped, or filtered by category) answers from the maintained counts;
 * every other shape scans the population. Both must give the same answer for the same data,
 * whatever the statuses and moves of the memberships behind it.
 */
describe('StatisticsRepository.members: maintained counts = the population scan (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: StatisticsRepository;
  const associations: string[] = [];
  // today (the members' ages are counted on this day): whatever the run's clock
  const asOf = clock.today();

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
    ds = makeDataSource(db.urlFor('membership')).dataSource;
    await ds.initialize();
    repo = new StatisticsRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const shapes: { groupBy: 'CATEGORY'[]; filter: MemberFilter }[] = [
    { groupBy: ['CATEGORY'], filter: {} },
    { groupBy: [], filter: {} },
    { groupBy: ['CATEGORY'], filter: { category: 'A②' } },
    { groupBy: [], filter: { category: 'C' } },
    { groupBy: [], filter: { category: 'none of them' } },
  ];

  it.each(shapes)('groupBy $groupBy, filter $filter: the same cells and population', async (shape) => {
    for (const a of associations) {
      const maintained = await runAsSystem(() => repo.members(a, asOf, shape.groupBy, shape.filter));
      const scanned = await runAsSystem(() => repo.membersScanned(a, asOf, shape.groupBy, shape.filter));
      expect(maintained).toEqual(scanned);
    }
  });

  it('the data is not trivial: several categories and an empty association', async () => {
    const first = await runAsSystem(() => repo.members(associations[0]!, asOf, ['CATEGORY'], {}));
    expect(first.cells.length).toBeGreaterThanOrEqual(3);
    const empty = await runAsSystem(() => repo.members(associations[3]!, asOf, [], {}));
    expect(empty).toEqual({ cells: [{ keys: [], count: 0 }], population: 0 });
  });
});
