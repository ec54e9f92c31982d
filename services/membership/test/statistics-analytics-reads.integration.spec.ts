import type { DataSource } from 'typeorm';
import { clock, runAsSystem } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildAssociation, buildMembership, buildPerson } from '../../../test/support/builders';
import { makeDataSource } from '../src/data-source';
import { StatisticsRepository } from '../src/repositories/statistics.repository';

/**
 * The statistics repository's two pools: the aggregate statements on `analyticsReads` (here a
 * read-only pool on the same database, as subgraph.ts makes it for DATABASE_READ_URL; the real
 * streaming replica is in test/e2e/analytics-replica.e2e.spec.ts), the population check and the
 * audit's sub-association key on the primary pool.
 */
describe('StatisticsRepository: aggregates on the analytics reads pool (real PostgreSQL)', () => {
  let db: TestDatabase;
  let primary: DataSource;
  let reads: DataSource;
  let repo: StatisticsRepository;
  let associationId = '';
  let childId = '';
  const sent = { primary: 0, reads: 0 };
  const counting = (ds: DataSource, key: keyof typeof sent) => {
    const query = ds.query.bind(ds);
    ds.query = ((...args: Parameters<DataSource['query']>) => {
      sent[key] += 1;
      return query(...args);
    }) as DataSource['query'];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    associationId = (await buildAssociation(c, { tier: 'PREFECTURAL' })).id;
    childId = (await buildAssociation(c, { parent_id: associationId })).id;
    for (let i = 0; i < 4; i++) {
      const p = await buildPerson(c, { sex: i % 2 ? 'FEMALE' : 'MALE' });
      await buildMembership(c, { person_id: p.id, association_id: associationId });
      if (i < 2) await buildMembership(c, { person_id: p.id, association_id: childId });
    }
    primary = makeDataSource(db.urlFor('membership'), { poolSize: 2 }).dataSource;
    reads = makeDataSource(db.urlFor('membership'), {
      poolSize: 2,
      applicationName: 'mamis-membership-analytics',
      readOnly: true,
    }).dataSource;
    await primary.initialize();
    await reads.initialize();
    counting(primary, 'primary');
    counting(reads, 'reads');
    repo = new StatisticsRepository(primary, reads);
  });
  afterAll(async () => {
    await primary?.destroy();
    await reads?.destroy();
    await db.drop();
  });
  beforeEach(() => {
    sent.primary = 0;
    sent.reads = 0;
  });

  it('sends every aggregate statement to the reads pool, as SYSTEM under row security, and none to the primary', async () => {
    const today = clock.today();
    const fy = Number(today.slice(0, 4));
    const answers = await runAsSystem(async () => ({
      summarised: await repo.members(associationId, today, ['CATEGORY'], {}),
      bySex: await repo.members(associationId, today, ['SEX', 'AGE_BAND'], {}),
      scanned: await repo.members(associationId, today, ['SUB_ASSOCIATION', 'DEPARTMENT'], {}),
      flow: await repo.memberFlow(associationId, fy - 15, fy),
      dues: await repo.duesCollection(associationId, fy),
    }));
    expect(answers.summarised.population).toBe(4);
    expect(answers.bySex.population).toBe(4);
    expect(answers.scanned.population).toBe(4);
    expect(answers.flow.population).toBe(4);
    expect(answers.dues.population).toBe(0);
    expect(sent).toEqual({ primary: 0, reads: 5 });
  });

  it('keeps the population check and the audit key on the primary', async () => {
    const key = await runAsSystem(() => repo.subAssociationKey(childId));
    expect(key).toMatch(/^T\d+$/);
    expect(repo.db).toBe(primary);
    expect(sent).toEqual({ primary: 1, reads: 0 });
  });

  it('is read-only and named apart: a write sent to it fails, the same as on a replica', async () => {
    const [{ ro, app }] = (await reads.query(
      `SELECT current_setting('default_transaction_read_only') AS ro, current_setting('application_name') AS app`,
    )) as { ro: string; app: string }[];
    expect({ ro, app }).toEqual({ ro: 'on', app: 'mamis-membership-analytics' });
    await expect(
      runAsSystem(() =>
        reads.query(`UPDATE membership.association SET name = name WHERE id = $1`, [associationId]),
      ),
    ).rejects.toThrow(/read-only transaction/);
  });
});
