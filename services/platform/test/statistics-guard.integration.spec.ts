import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { createStatisticsGuard, EARLIER_ANSWERS_SQL, type StatisticsQuery } from '../src/statistics';
import type { Viewer } from '../src/viewer';

const rowsOf = (c: Client) => ({
  query: (sql: string, params?: unknown[]) => c.query(sql, params).then((r) => r.rows),
});

/**
 * The statistics guard on a real audit.statistics_query: a dashboard's repeats of one query are
 * loaded once (each distinct answer at its first time), and the decisions stay those of the whole
 * history.
 */
describe('statistics guard: earlier answers, each distinct one once (real PostgreSQL)', () => {
  let db: TestDatabase;
  let role: Client;
  const analytics: Viewer = {
    kind: 'CLIENT',
    sub: `analytics-${randomUUID()}`,
    scopes: ['analytics:aggregate'],
  };
  const population = randomUUID();
  const query = (total: number, filters: Record<string, unknown> | null = null): StatisticsQuery => ({
    populationAssociationId: population,
    aggregate: 'members',
    filters,
    groupBy: ['CATEGORY'],
    population: total,
    auditFilters: {},
  });
  const cells = (a: number, b: number) => [
    { keys: ['A①'], count: a },
    { keys: ['B'], count: b },
  ];
  const guard = () =>
    createStatisticsGuard(
      rowsOf(role),
      analytics,
      { requestId: randomUUID(), service: 'membership' },
      {
        k: 10,
        windowDays: 30,
      },
    );
  const earlier = () =>
    rowsOf(role).query(EARLIER_ANSWERS_SQL, ['client:' + analytics.sub, 'members', population, 30]);

  beforeAll(async () => {
    db = await createTestDatabase();
    role = new Client({ connectionString: db.urlFor('membership') });
    await role.connect();
  });
  afterAll(async () => {
    await role.end();
    await db.drop();
  });

  it('twenty repeats and a second answer: two earlier answers loaded, the oldest first', async () => {
    for (let i = 0; i < 20; i++) await guard().answer(query(300), ['CATEGORY'], cells(200, 100));
    // the data changed (one more member): a different answer, then the first one again
    await guard().answer(query(311), ['CATEGORY'], cells(211, 100));
    await guard().answer(query(300), ['CATEGORY'], cells(200, 100));
    const logged = await rowsOf(role).query(
      `SELECT count(*)::int AS n FROM audit.statistics_query WHERE population_association = $1`,
      [population],
    );
    expect(logged).toEqual([{ n: 22 }]);
    const loaded = (await earlier()) as { population: number }[];
    expect(loaded.map((r) => r.population)).toEqual([300, 311]);
  });

  it('a repeat changes no decision: a narrowed population fewer than k from an earlier one is still refused', async () => {
    await guard().answer(query(300, { category: 'A①' }), ['CATEGORY'], cells(200, 0));
    await expect(
      guard().answer(query(295, { category: 'A①', sex: 'FEMALE' }), ['CATEGORY'], cells(195, 0)),
    ).rejects.toMatchObject({ extensions: { details: { reason: 'DIFFERENCE_BELOW_K' } } });
  });
});
