import { Client } from 'pg';
import { clock } from '@mamis/platform';
import { buildAssociation, buildMembership, buildPerson } from '../support/builders';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import { startStreamingPair, type StreamingPair } from '../support/streaming-standby';

/**
 * DATABASE_READ_URL against a REAL streaming replica: a hot standby of the test's own primary,
 * following it over the replication protocol. The `Statistics` aggregates of membership, training
 * and insurance-pension are answered by the standby (they lag while its replay is paused, and equal
 * the primary's once it has caught up); the disclosure guard's audit, the population decision and
 * every other read run on the primary.
 */
const STATS = `query Stats($id: ID, $fy: Int!, $iy: Int!) {
  statistics(associationId: $id) {
    members(groupBy: [CATEGORY]) { total }
    trainingCredits(programCode: "CME", fiscalYear: $fy) { total }
    insuranceEnrolment(insuranceYear: $iy) { total }
  }
}`;
/** Every `Statistics` aggregate of the three subgraphs (summarised and scanned members). */
const EVERY_AGGREGATE = `query All($id: ID, $fy: Int!, $iy: Int!) {
  statistics(associationId: $id) {
    byCategory: members(groupBy: [CATEGORY]) { total }
    bySex: members(groupBy: [SEX, AGE_BAND]) { total }
    scanned: members(groupBy: [DEPARTMENT, SUB_ASSOCIATION]) { total }
    memberFlow(fromFiscalYear: $fy, toFiscalYear: $fy) { total }
    duesCollection(fiscalYear: $fy) { total }
    trainingCredits(programCode: "CME", fiscalYear: $fy, groupBy: [UNITS_BAND, PREFECTURE]) { total }
    certificateHolders { total }
    certificateExpiryForecast(fromFiscalYear: $fy, toFiscalYear: $fy) { total }
    insuranceEnrolment(insuranceYear: $iy, byPrefecture: true) { total }
  }
}`;
type Totals = {
  statistics: {
    members: { total: number | null };
    trainingCredits: { total: number | null };
    insuranceEnrolment: { total: number | null };
  };
};

/** The subgraphs with aggregates, by database schema. */
const ANALYTICS = ['membership', 'training', 'insurance_pension'];

describe('statistics aggregates on a streaming read replica (DATABASE_READ_URL)', () => {
  let pair: StreamingPair;
  let stack: Stack;
  let primary: Client;
  let jmaId = '';
  let tokyoId = '';
  let requesters = 0;

  // every aggregate query by an analytics client of its own: the differencing control compares
  // one requester's answers, and these populations differ by one person on purpose
  const analyticsClient = (): TestViewer => ({
    kind: 'CLIENT',
    sub: `analytics-${++requesters}`,
    scopes: ['analytics:aggregate'],
  });
  const jmaClerk: TestViewer = {
    kind: 'STAFF',
    sub: 'staff-jma',
    associationId: '',
    associationTier: 'NATIONAL',
    role: 'CLERK',
  };
  const years = () => {
    const [y, m] = clock.today().split('-').map(Number) as [number, number];
    return { fy: m < 4 ? y - 1 : y, iy: m < 7 ? y - 1 : y };
  };
  const totals = async () => {
    const res = await stack.queryAs(analyticsClient(), STATS, { id: jmaId, ...years() });
    expect(res.body.errors).toBeUndefined();
    const s = (res.body.data as Totals).statistics;
    return [s.members.total, s.trainingCredits.total, s.insuranceEnrolment.total];
  };
  const addJmaMember = async () => {
    const p = await buildPerson(primary);
    for (const association_id of [jmaId, tokyoId])
      await buildMembership(primary, { person_id: p.id, association_id, category: 'A①' });
    return p.id;
  };
  const recountOnPrimary = async () => {
    const { rows } = await primary.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM membership.membership WHERE association_id = $1 AND status = 'ACTIVE'`,
      [jmaId],
    );
    return rows[0]!.n;
  };
  const onStandby = async <T>(fn: (c: Client) => Promise<T>) => {
    const c = new Client({ connectionString: pair.standbyAdminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const applicationNames = async (c: Client) =>
    (
      await c.query<{ name: string }>(
        `SELECT DISTINCT application_name AS name FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'mamis-%' ORDER BY 1`,
      )
    ).rows.map((r) => r.name);

  beforeAll(async () => {
    pair = await startStreamingPair();
    primary = await pair.primary.admin();
    jmaId = (await buildAssociation(primary, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null })).id;
    tokyoId = (await buildAssociation(primary, { code: 'P13', tier: 'PREFECTURAL', parent_id: jmaId })).id;
    for (let i = 0; i < 12; i++) await addJmaMember();
    stack = await startStack(
      pair.primary,
      {},
      {
        // small populations: publish counts from 2
        subgraphEnv: { STATISTICS_K: '2' },
        subgraphEnvFor: (schema): Record<string, string> =>
          ANALYTICS.includes(schema) ? { DATABASE_READ_URL: pair.standbyUrlFor(schema) } : {},
      },
    );
    await pair.caughtUp();
  }, 240_000);

  afterAll(async () => {
    await stack?.close();
    await pair?.stop();
  });

  it('answers every aggregate from the standby: it lags while replay is paused, then equals the primary', async () => {
    expect(await totals()).toEqual([12, 12, 12]);

    await pair.pauseReplay();
    let added: string;
    try {
      added = await addJmaMember();
      expect(await recountOnPrimary()).toBe(13);
      // the standby has not replayed the new member: all three subgraphs still count 12
      expect(await totals()).toEqual([12, 12, 12]);
      // a non-aggregate read stays on the primary: the new person is there at once
      const res = await stack.queryAs(
        { ...jmaClerk, associationId: jmaId },
        `query P($id: ID!) { person(id: $id) { id } }`,
        {
          id: added,
        },
      );
      expect(res.body.errors).toBeUndefined();
      expect((res.body.data as { person: { id: string } | null }).person?.id).toBe(added);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await totals()).toEqual([13, 13, 13]);
  });

  it('runs every aggregate on the standby without a write (a hot standby refuses any)', async () => {
    const { fy, iy } = years();
    await pair.caughtUp();
    const res = await stack.queryAs(analyticsClient(), EVERY_AGGREGATE, { id: jmaId, fy, iy });
    expect(res.body.errors).toBeUndefined();
    const s = (res.body.data as { statistics: Record<string, { total: number | null }> }).statistics;
    const members = await recountOnPrimary();
    expect([s.byCategory!.total, s.bySex!.total, s.scanned!.total]).toEqual([members, members, members]);
  });

  it('reaches the standby only through the read-only analytics pools of the three subgraphs', async () => {
    await totals();
    const onReplica = await onStandby(async (c) => {
      const {
        rows: [r],
      } = await c.query<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery');
      return { recovery: r!.recovery, names: await applicationNames(c) };
    });
    expect(onReplica.recovery).toBe(true);
    expect(onReplica.names).toEqual([
      'mamis-insurance-pension-analytics',
      'mamis-membership-analytics',
      'mamis-training-analytics',
    ]);
    // and the primary serves every other pool, none of the analytics ones
    const onPrimary = await applicationNames(primary);
    expect(onPrimary.filter((n) => n.endsWith('-analytics'))).toEqual([]);
    expect(onPrimary).toEqual(expect.arrayContaining(['mamis-membership', 'mamis-training']));
  });

  it('keeps the disclosure guard and its audit on the primary, also while the standby lags', async () => {
    const audited = async (c: Client) =>
      (
        await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit.statistics_query WHERE population_association = $1`,
          [jmaId],
        )
      ).rows[0]!.n;
    await pair.caughtUp();
    const before = await audited(primary);
    await pair.pauseReplay();
    try {
      await totals();
      // one audited answer per aggregate, written on the primary (the standby cannot take writes)
      expect(await audited(primary)).toBe(before + 3);
      expect(await onStandby(audited)).toBe(before);
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect(await onStandby(audited)).toBe(before + 3);
  });
});
