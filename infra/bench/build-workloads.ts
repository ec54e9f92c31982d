/**
 * The benchmark's workloads, built for one loaded data set: the fixtures (viewers and persons
 * picked by SQL) and the W1–W3 read workloads with their expected answers, plus W4 (attendance.ts)
 * and W6 (statistics.ts) when the supergraph has their fields. run.ts runs them.
 */
import type { Pool } from 'pg';
import { clock, type Viewer } from '@mamis/platform';
import { attendanceWorkload } from './attendance';
import {
  canonical,
  membersPage,
  membersPageFloor,
  personCore,
  profile,
  W1_FIELDS,
  W2_QUERY,
  W3_QUERY,
} from './expected';
import { ANALYTICS_CLIENT, statisticsWorkloads } from './statistics';
import type { Trust } from './trust';
import type { WorkloadSpec } from './workload-spec';
import { hasAttendanceRecording, hasStatistics } from './workloads';

export interface Fixtures {
  termsVersion: string;
  association: { id: string; code: string; members: number };
  staff: Viewer;
  /** The largest prefecture (東京都 at full scale) and the JMA: the same page at their sizes, as their staff. */
  large: { id: string; code: string; members: number; staff: Viewer }[];
  w1Persons: string[];
  w2Persons: string[];
}

/** What the workloads are run on: the viewers and persons picked from the loaded data set. */
export async function pickFixtures(pool: Pool): Promise<Fixtures> {
  const terms = await pool.query<{ version: string }>(
    `SELECT version FROM consent.terms_version WHERE effective_from <= $1
      ORDER BY effective_from DESC, created_at DESC LIMIT 1`,
    [clock.today()],
  );
  // W1's and W3's viewer is staff of a prefectural association of median size (the largest, 東京都
  // with ~24k members at full scale, makes W3 a test of one count: see README "Performance").
  const assoc = await pool.query<{ id: string; code: string; members: number }>(
    `WITH sizes AS (
       SELECT a.id::text, a.code, count(*)::int AS members
         FROM membership.association a
         JOIN membership.membership m ON m.association_id = a.id AND m.status = 'ACTIVE'
        WHERE a.tier = 'PREFECTURAL'
        GROUP BY a.id, a.code HAVING count(*) >= 100)
     SELECT * FROM sizes ORDER BY members, code
     OFFSET (SELECT count(*) / 2 FROM sizes) LIMIT 1`,
  );
  const a = assoc.rows[0];
  if (!a || a.members < 100)
    throw new Error('no prefectural association with 100 current members: is the data set loaded?');
  const w1 = await pool.query<{ id: string }>(
    `SELECT p.id::text FROM membership.person p
       JOIN membership.membership m ON m.person_id = p.id AND m.association_id = $1 AND m.status = 'ACTIVE'
      ORDER BY p.registry_number LIMIT 64`,
    [a.id],
  );
  // W2: persons with records in all four subgraphs.
  const w2 = await pool.query<{ id: string }>(
    `SELECT p.id::text FROM membership.person p
      WHERE EXISTS (SELECT 1 FROM membership.membership m WHERE m.person_id = p.id)
        AND EXISTS (SELECT 1 FROM training.attendance t WHERE t.person_id = p.id)
        AND EXISTS (SELECT 1 FROM insurance_pension.insurance_enrolment i WHERE i.person_id = p.id)
        AND EXISTS (SELECT 1 FROM consent.terms_acceptance c WHERE c.person_id = p.id)
      ORDER BY p.registry_number LIMIT 64`,
  );
  if (w2.rows.length === 0) throw new Error('no person with records in all four subgraphs');
  const termsVersion = terms.rows[0]?.version;
  if (!termsVersion) throw new Error('no terms version in force');
  const large = await pool.query<{
    id: string;
    code: string;
    members: number;
    tier: 'PREFECTURAL' | 'NATIONAL';
  }>(
    `(SELECT a.id::text, a.code, count(*)::int AS members, a.tier
        FROM membership.association a
        JOIN membership.membership m ON m.association_id = a.id AND m.status = 'ACTIVE'
       WHERE a.tier = 'PREFECTURAL' GROUP BY a.id ORDER BY members DESC, a.code LIMIT 1)
     UNION ALL
     (SELECT a.id::text, a.code, count(*)::int AS members, a.tier
        FROM membership.association a
        JOIN membership.membership m ON m.association_id = a.id AND m.status = 'ACTIVE'
       WHERE a.tier = 'NATIONAL' GROUP BY a.id LIMIT 1)`,
  );
  return {
    termsVersion,
    association: a,
    staff: {
      kind: 'STAFF',
      sub: `bench-staff-${a.code}`,
      associationId: a.id,
      associationTier: 'PREFECTURAL',
      role: 'ADMIN',
      scopes: [],
      acceptedTermsVersion: termsVersion,
    },
    w1Persons: w1.rows.map((r) => r.id),
    w2Persons: w2.rows.map((r) => r.id),
    large: large.rows.map((r) => ({
      id: r.id,
      code: r.code,
      members: r.members,
      staff: {
        kind: 'STAFF',
        sub: `bench-staff-${r.code}`,
        associationId: r.id,
        associationTier: r.tier,
        role: 'ADMIN',
        scopes: [],
        acceptedTermsVersion: termsVersion,
      },
    })),
  };
}

const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const W1_QUERY = `query W1($id: ID!) { person(id: $id) { ${W1_FIELDS} } }`;

/**
 * The workloads of a run (README "Workloads"): W1–W3 with their expected answers computed from
 * the database, W4 and W6 when the supergraph has their fields (workloads.ts).
 */
export async function buildWorkloads(
  pool: Pool,
  fx: Fixtures,
  trust: Trust,
  membershipPool: Pool,
  selected: (id: string) => boolean = () => true,
): Promise<WorkloadSpec[]> {
  const staffToken = await trust.accessToken(fx.staff);
  const physicians: Viewer[] = fx.w2Persons.map((id, i) => ({
    kind: 'PHYSICIAN',
    sub: `bench-physician-${i}`,
    personId: id,
    scopes: [],
    acceptedTermsVersion: fx.termsVersion,
  }));
  const physicianTokens = await Promise.all(physicians.map((v) => trust.accessToken(v)));
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  const w1Expected = await Promise.all(fx.w1Persons.map(async (id) => canonical(await personCore(pool, id))));
  const w2Expected = await Promise.all(fx.w2Persons.map(async (id) => canonical(await profile(pool, id))));
  const w3Expected100 = canonical(await membersPage(pool, fx.association.id, 100));
  const w3Expected10 = canonical(await membersPage(pool, fx.association.id, 10));

  const specs: WorkloadSpec[] = [
    {
      id: 'W1',
      title: 'person by id (membership subgraph)',
      expected: w1Expected,
      targets: ['direct', 'gateway', 'hive', 'hive-rust', 'floor'],
      async variants(target) {
        const headers =
          target === 'direct' ? await trust.subgraphHeaders('membership', fx.staff) : bearer(staffToken);
        return fx.w1Persons.map((id, i) => ({
          body: gql(W1_QUERY, { id }),
          headers,
          expected: w1Expected[i]!,
        }));
      },
      floor: (p, i) => personCore(p, fx.w1Persons[i]!),
    },
    {
      id: 'W2',
      title: "one person's profile across 4 subgraphs",
      expected: w2Expected,
      targets: ['gateway', 'hive', 'hive-rust', 'floor'],
      async variants() {
        return fx.w2Persons.map((id, i) => ({
          body: gql(W2_QUERY, { id }),
          headers: bearer(physicianTokens[i]!),
          expected: w2Expected[i]!,
        }));
      },
      floor: (p, i) => profile(p, fx.w2Persons[i]!),
    },
    {
      id: 'W3',
      title: `${fx.association.code} member page, 100 members, nested`,
      expected: [w3Expected100],
      targets: ['gateway', 'hive', 'hive-rust', 'floor'],
      async variants() {
        return [
          {
            body: gql(W3_QUERY, { id: fx.association.id, first: 100 }),
            headers: bearer(staffToken),
            expected: w3Expected100,
          },
        ];
      },
      floor: (p) => membersPageFloor(p, fx.association.id, 100),
    },
    {
      id: 'W3-10',
      title: `${fx.association.code} member page, 10 members, nested`,
      expected: [w3Expected10],
      targets: ['gateway', 'hive', 'hive-rust', 'floor'],
      async variants() {
        return [
          {
            body: gql(W3_QUERY, { id: fx.association.id, first: 10 }),
            headers: bearer(staffToken),
            expected: w3Expected10,
          },
        ];
      },
      floor: (p) => membersPageFloor(p, fx.association.id, 10),
    },
  ];
  // W3-L / W3-J: the same 100-member page of the largest prefecture and of the JMA, as their own
  // staff (the page and its totalCount must not grow with the association)
  for (const [i, big] of fx.large.entries()) {
    const id = i === 0 ? 'W3-L' : 'W3-J';
    if (!selected(id)) continue;
    const expected = canonical(await membersPage(pool, big.id, 100));
    const token = await trust.accessToken(big.staff);
    specs.push({
      id,
      title: `${big.code} member page (${big.members} members), 100 members, nested`,
      expected: [expected],
      targets: ['gateway', 'floor'],
      async variants() {
        return [{ body: gql(W3_QUERY, { id: big.id, first: 100 }), headers: bearer(token), expected }];
      },
      floor: (p) => membersPageFloor(p, big.id, 100),
    });
  }
  if (hasAttendanceRecording())
    // W4: recordAttendance as the W1/W3 staff, each run at a fresh session of theirs with
    // fresh registrations; the floor does the same writes by SQL (attendance.ts)
    specs.push(
      await attendanceWorkload({
        pool,
        host: fx.association,
        staff: fx.staff,
        token: staffToken,
        keep: fx.w2Persons,
      }),
    );
  if (hasStatistics()) {
    // W6: each analytics aggregate that returns data at this scale (W6-a, W6-b, …) as an
    // analytics client, against the repository method run directly as the service runs it (the
    // service role, row security forced, the SYSTEM settings of asPopulation) + the same disclosure
    // control; the aggregates refused at this scale reported as not measurable (statistics.ts).
    // The same query repeated: the differencing control sees a difference of 0.
    specs.push(
      ...(await statisticsWorkloads({
        adminPool: pool,
        membershipPool,
        analyticsToken: () => trust.accessToken(ANALYTICS_CLIENT),
        selected,
      })),
    );
  }
  return specs;
}
