import { addDays, clock, pinClock, resetClock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  type PersonRow,
} from '../../../test/support/builders';

/** A value of a parsed GraphQL response (JSON). */
type Json = ReturnType<typeof JSON.parse>;
/**
 * The training exception (domain.md §3.2) end to end through the gateway, with the data made by
 * the real flows (the physician's own registration, attendance by CSV): a physician who is a
 * member of NO association attends
 * - S1: an occupational-physician session (a JMA program) hosted by a municipal association and
 *   co-hosted by an academic society;
 * - S2: another municipal association's own program (not co-hosted).
 * The host of S1 and the JMA see IDENTITY + TRAINING (their sessions / JMA programs only); the
 * society sees name + registry number and S1 only; everyone else sees nothing (absent).
 */
describe('the training exception through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let attendee: PersonRow;
  let bystander: PersonRow;
  let s1: string;
  let s2: string;
  const v: Record<string, TestViewer> = {};
  const SOCIETY = 'jsoh';

  type Body = {
    data?: Record<string, Json>;
    errors?: { path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
  const gql = async (viewer: TestViewer, q: string, vars?: Record<string, unknown>) =>
    (await stack.queryAs(viewer, q, vars)).body as Body;
  const must = async (viewer: TestViewer, q: string, vars?: Record<string, unknown>) => {
    const b = await gql(viewer, q, vars);
    if (b.errors?.length) throw new Error(JSON.stringify(b.errors));
    return b.data!;
  };

  const PERSON = `query P($id: ID!) { person(id: $id) { id familyName registryNumber birthDate email memberships { id }
    trainingAttendances { status session { id } } } }`;
  const ATTENDEES = `query A($id: ID!) { trainingSession(id: $id) { id attendees { id familyName registryNumber } } }`;
  const forbiddenPaths = (b: Body) =>
    (b.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(c, { code: 'P27', tier: 'PREFECTURAL', parent_id: jma.id });
    const host = await buildAssociation(c, { code: 'M27001', parent_id: pref.id });
    const own = await buildAssociation(c, { code: 'M27002', parent_id: pref.id });
    const unrelated = await buildAssociation(c, { code: 'M27003', parent_id: pref.id });
    attendee = await buildPerson(c, { family_name: '非会員' });
    bystander = await buildPerson(c);
    await buildMembership(c, { person_id: bystander.id, association_id: unrelated.id });
    await buildTermsVersion(c);
    stack = await startStack(db);
    const staff = (associationId: string, associationTier: TestViewer['associationTier']): TestViewer => ({
      kind: 'STAFF',
      associationId,
      associationTier,
      role: 'CLERK',
    });
    v.host = staff(host.id, 'MUNICIPAL');
    v.ownHost = staff(own.id, 'MUNICIPAL');
    v.jma = staff(jma.id, 'NATIONAL');
    v.pref = staff(pref.id, 'PREFECTURAL');
    v.unrelated = staff(unrelated.id, 'MUNICIPAL');
    v.society = { kind: 'CLIENT', scopes: [`society:${SOCIETY}`] };
    v.otherSociety = { kind: 'CLIENT', scopes: ['society:jsim'] };
    v.analytics = { kind: 'CLIENT', scopes: ['analytics:aggregate'] };
    v.physician = { kind: 'PHYSICIAN', personId: bystander.id };

    const create = async (viewer: TestViewer, hostId: string, programCode: string, cohost: string | null) =>
      (
        await must(
          viewer,
          `mutation C($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { id } }`,
          {
            input: {
              hostAssociationId: hostId,
              programCode,
              title: `${programCode} 研修会`,
              // held two months ago (its attendance is recorded below)
              startsAt: `${addDays(clock.today(), -60)}T14:00:00+09:00`,
              venue: '会館',
              credits: [
                {
                  kind: 'CATEGORY',
                  code: programCode === 'OCCUPATIONAL' ? 'BASIC_LATE' : 'OWN_LECTURE',
                  units: 2,
                },
              ],
              cohostSocietyId: cohost,
            },
          },
        )
      ).createTrainingSession.id as string;
    s1 = await create(v.host!, host.id, 'OCCUPATIONAL', SOCIETY);
    s2 = await create(v.ownHost!, own.id, 'OWN', null);
    for (const [viewer, session] of [
      [v.host!, s1],
      [v.ownHost!, s2],
    ] as const) {
      // the attendee registers themself before the session (the host's staff register by registry
      // number only persons their association already knows: nobody, for a non-member)
      pinClock(addDays(clock.today(), -61));
      try {
        await must(
          { kind: 'PHYSICIAN', personId: attendee.id },
          `mutation R($input: RegisterForSessionInput!) { registerForSession(input: $input) { id } }`,
          { input: { sessionId: session, personId: attendee.id, idempotencyKey: `r-${session}` } },
        );
      } finally {
        resetClock();
      }
      const report = await must(
        viewer,
        `mutation I($input: ImportAttendanceCsvInput!) { importAttendanceCsv(input: $input) { applied } }`,
        { input: { sessionId: session, csv: `${attendee.registry_number}\n`, dryRun: false } },
      );
      expect(report.importAttendanceCsv.applied).toBe(1);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('the host sees IDENTITY and the training records of its own session only', async () => {
    const b = await gql(v.host!, PERSON, { id: attendee.id });
    expect(b.data?.person).toMatchObject({
      id: attendee.id,
      familyName: '非会員',
      registryNumber: attendee.registry_number,
      birthDate: attendee.birth_date,
      email: null,
      memberships: null,
      trainingAttendances: [{ status: 'ATTENDED', session: { id: s1 } }],
    });
    expect(forbiddenPaths(b).sort()).toEqual(['person.email', 'person.memberships']);
    const a = await must(v.host!, ATTENDEES, { id: s1 });
    expect(a.trainingSession.attendees).toEqual([
      { id: attendee.id, familyName: '非会員', registryNumber: attendee.registry_number },
    ]);
    // not the other association's session
    expect((await must(v.host!, ATTENDEES, { id: s2 })).trainingSession.attendees).toEqual([]);
  });

  it('the JMA sees IDENTITY and the JMA-program records only', async () => {
    const b = await gql(v.jma!, PERSON, { id: attendee.id });
    expect(b.data?.person).toMatchObject({
      familyName: '非会員',
      email: null,
      memberships: null,
      trainingAttendances: [{ session: { id: s1 } }],
    });
    expect(forbiddenPaths(b).sort()).toEqual(['person.email', 'person.memberships']);
    expect(
      (await must(v.jma!, ATTENDEES, { id: s1 })).trainingSession.attendees.map((p: { id: string }) => p.id),
    ).toEqual([attendee.id]);
    // an association's own program is not the JMA's
    expect((await must(v.jma!, ATTENDEES, { id: s2 })).trainingSession.attendees).toEqual([]);
  });

  it('the host of the own-program session sees that record only', async () => {
    const b = await gql(v.ownHost!, PERSON, { id: attendee.id });
    expect(b.data?.person?.trainingAttendances).toEqual([{ status: 'ATTENDED', session: { id: s2 } }]);
  });

  it('the co-hosting society sees name and registry number, and its co-hosted session only', async () => {
    const b = await gql(v.society!, PERSON, { id: attendee.id });
    expect(b.data?.person).toMatchObject({
      id: attendee.id,
      familyName: '非会員',
      registryNumber: attendee.registry_number,
      birthDate: null,
      email: null,
      trainingAttendances: [{ session: { id: s1 } }],
    });
    expect(forbiddenPaths(b)).toEqual(expect.arrayContaining(['person.birthDate', 'person.email']));
    const a = await must(v.society!, ATTENDEES, { id: s1 });
    expect(a.trainingSession.attendees).toEqual([
      { id: attendee.id, familyName: '非会員', registryNumber: attendee.registry_number },
    ]);
    expect((await must(v.society!, ATTENDEES, { id: s2 })).trainingSession.attendees).toEqual([]);
    // a person who attended nothing it co-hosts: absent
    expect((await gql(v.society!, PERSON, { id: bystander.id })).data?.person).toBeNull();
  });

  it('everyone else: the attendee is absent (not forbidden)', async () => {
    for (const name of ['pref', 'unrelated', 'otherSociety', 'physician'] as const) {
      const b = await gql(v[name]!, PERSON, { id: attendee.id });
      expect({ name, person: b.data?.person ?? null }).toEqual({ name, person: null });
      expect({ name, errors: forbiddenPaths(b) }).toEqual({ name, errors: [] });
      const a = await gql(v[name]!, ATTENDEES, { id: s1 });
      expect({ name, attendees: a.data?.trainingSession?.attendees }).toEqual({ name, attendees: [] });
    }
    // analytics clients read aggregates only
    const a = await gql(v.analytics!, ATTENDEES, { id: s1 });
    expect(a.data?.trainingSession ?? null).toBeNull();
  });
});
