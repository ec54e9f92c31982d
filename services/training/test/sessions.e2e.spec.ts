import { addDays, clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  buildTermsVersion,
  type PersonRow,
} from '../../../test/support/builders';
import { parseCalendar, prop, unescapeText } from './support/icalendar-parse';

/** A value of a parsed GraphQL response (JSON). */
type Json = ReturnType<typeof JSON.parse>;
/**
 * Sessions, registration with a waiting list, attendance (one by one, CSV, self check-in) and
 * the iCalendar feed, through the gateway against a real database.
 */
describe('training sessions, registration and attendance (through the gateway)', () => {
  let db: TestDatabase;
  let stack: Stack;
  let hostId: string;
  let otherId: string;
  let member: PersonRow;
  let p1: PersonRow;
  let p2: PersonRow;
  let p3: PersonRow;
  let stranger: PersonRow;
  let clerk: TestViewer;
  let viewerRole: TestViewer;
  let otherClerk: TestViewer;
  const physician = (p: PersonRow): TestViewer => ({ kind: 'PHYSICIAN', personId: p.id });

  type Gql = {
    data?: Record<string, Json>;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  const gql = async (viewer: TestViewer, q: string, v?: Record<string, unknown>): Promise<Gql> =>
    (await stack.queryAs(viewer, q, v)).body as Gql;
  const ok = async (viewer: TestViewer, q: string, v?: Record<string, unknown>) => {
    const body = await gql(viewer, q, v);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
  const errorOf = (body: Gql) => body.errors?.[0]?.extensions;
  /** The day of the sessions: a month ahead of the (possibly shifted) clock. */
  const day = addDays(clock.today(), 30);

  const CREATE = `mutation Create($input: CreateTrainingSessionInput!) {
    createTrainingSession(input: $input) { id version units capacity checkInCode status visibility
      credits { kind code units } endsAt } }`;
  const REGISTER = `mutation Reg($input: RegisterForSessionInput!) {
    registerForSession(input: $input) { id status person { id } } }`;
  const CANCEL = `mutation Cancel($s: ID!, $p: ID!) { cancelSessionRegistration(sessionId: $s, personId: $p) { id status } }`;
  const SESSION = `query S($id: ID!) { trainingSession(id: $id) { id registeredCount waitlistedCount checkInCode
      attendances { status person { id } } } }`;
  const IMPORT = `mutation Imp($input: ImportAttendanceCsvInput!) { importAttendanceCsv(input: $input) {
      dryRun applied matched rejected rows { rowNumber registryNumber status message person { id } } } }`;

  let seq = 0;
  const createSession = async (over: Record<string, unknown> = {}) => {
    const data = await ok(clerk, CREATE, {
      input: {
        hostAssociationId: hostId,
        programCode: 'CME',
        title: `生涯教育講座 ${++seq}`,
        startsAt: `${day}T19:00:00+09:00`,
        endsAt: `${day}T21:00:00+09:00`,
        venue: '医師会館',
        credits: [
          { kind: 'CURRICULUM_CODE', code: '10', units: 1 },
          { kind: 'CURRICULUM_CODE', code: '72', units: 0.5 },
        ],
        capacity: 2,
        ...over,
      },
    });
    return data.createTrainingSession as { id: string; version: number; checkInCode: string };
  };
  const register = (viewer: TestViewer, input: Record<string, unknown>) =>
    gql(viewer, REGISTER, { input: { idempotencyKey: `k-${Math.random()}`, ...input } });
  const ledger = async (sessionId: string) => {
    const c = await db.admin();
    const { rows } = await c.query(
      `SELECT person_id, program_code, code, units::float AS units, earned_on::text AS earned_on, source
       FROM training.credit_entry WHERE session_id = $1 ORDER BY person_id, code`,
      [sessionId],
    );
    return rows as {
      person_id: string;
      program_code: string;
      code: string;
      units: number;
      earned_on: string;
    }[];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const pref = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    const host = await buildAssociation(c, { code: 'M13001', name: '千代田区医師会', parent_id: pref.id });
    const other = await buildAssociation(c, { code: 'M13002', name: '中央区医師会', parent_id: pref.id });
    hostId = host.id;
    otherId = other.id;
    member = await buildPerson(c);
    await buildMembership(c, { person_id: member.id, association_id: host.id });
    [p1, p2, p3, stranger] = [
      await buildPerson(c),
      await buildPerson(c),
      await buildPerson(c),
      await buildPerson(c),
    ];
    for (const p of [p1, p2, p3, stranger])
      await buildMembership(c, { person_id: p.id, association_id: other.id });
    await buildTermsVersion(c);
    stack = await startStack(db);
    clerk = { kind: 'STAFF', associationId: hostId, associationTier: 'MUNICIPAL', role: 'CLERK' };
    viewerRole = { ...clerk, role: 'VIEWER' };
    otherClerk = { kind: 'STAFF', associationId: otherId, associationTier: 'MUNICIPAL', role: 'CLERK' };
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  describe('sessions', () => {
    it('the host staff create a session with credits by curriculum code; others may not', async () => {
      const s = await createSession();
      const data = await ok(
        clerk,
        `query { trainingSession(id: "${s.id}") { units capacity status visibility
        credits { kind code units } checkInCode host { id } } }`,
      );
      expect(data.trainingSession).toMatchObject({
        units: 1.5,
        capacity: 2,
        status: 'SCHEDULED',
        visibility: 'PUBLIC',
        credits: [
          { kind: 'CURRICULUM_CODE', code: '10', units: 1 },
          { kind: 'CURRICULUM_CODE', code: '72', units: 0.5 },
        ],
        host: { id: hostId },
      });
      expect(data.trainingSession.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
      // the code is for the host's staff only
      const seen = await ok(otherClerk, `query { trainingSession(id: "${s.id}") { id checkInCode } }`);
      expect(seen.trainingSession).toEqual({ id: s.id, checkInCode: null });

      const input = {
        hostAssociationId: hostId,
        programCode: 'CME',
        title: 'x',
        startsAt: `${day}T19:00:00+09:00`,
        venue: 'v',
        credits: [],
      };
      expect(errorOf(await gql(viewerRole, CREATE, { input }))?.code).toBe('FORBIDDEN');
      expect(errorOf(await gql(otherClerk, CREATE, { input }))?.code).toBe('FORBIDDEN');
      expect(errorOf(await gql(physician(member), CREATE, { input }))?.code).toBe('FORBIDDEN');
      const bad = await gql(clerk, CREATE, {
        input: { ...input, credits: [{ kind: 'CURRICULUM_CODE', code: '1', units: 0.3 }] },
      });
      expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.credits.0.units' });
      // credits only in codes the program has (the ledger takes nothing else)
      const code = await gql(clerk, CREATE, {
        input: { ...input, credits: [{ kind: 'CURRICULUM_CODE', code: '99', units: 1 }] },
      });
      expect(errorOf(code)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.credits.0.code' });
      const program = await gql(clerk, CREATE, { input: { ...input, programCode: 'NO_SUCH_PROGRAM' } });
      expect(errorOf(program)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programCode' });
    });

    it('updates are versioned: a stale version is a CONFLICT at `version`', async () => {
      const s = await createSession();
      const UPDATE = `mutation U($input: UpdateTrainingSessionInput!) { updateTrainingSession(input: $input) { version title } }`;
      const first = await ok(clerk, UPDATE, { input: { id: s.id, version: s.version, title: '改題' } });
      expect(first.updateTrainingSession).toEqual({ version: s.version + 1, title: '改題' });
      const stale = await gql(clerk, UPDATE, { input: { id: s.id, version: s.version, title: '二重' } });
      expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'version' });
      expect(
        errorOf(await gql(otherClerk, UPDATE, { input: { id: s.id, version: 2, title: 'x' } }))?.code,
      ).toBe('FORBIDDEN');
    });
  });

  describe('registration', () => {
    it('fills the seats, then the waiting list; a cancellation moves the first waiting person up', async () => {
      const s = await createSession({ capacity: 2 });
      const key = 'reg-p1-once';
      const a = await ok(physician(p1), REGISTER, {
        input: { sessionId: s.id, personId: p1.id, idempotencyKey: key },
      });
      expect(a.registerForSession.status).toBe('REGISTERED');
      // the same submission again: the same record, nothing new
      const again = await ok(physician(p1), REGISTER, {
        input: { sessionId: s.id, personId: p1.id, idempotencyKey: key },
      });
      expect(again.registerForSession.id).toBe(a.registerForSession.id);
      // another key, same person and session: still one registration
      const twice = await register(physician(p1), { sessionId: s.id, personId: p1.id });
      expect(twice.data?.registerForSession.id).toBe(a.registerForSession.id);
      // the key with another payload is refused
      const elsewhere = await createSession();
      const reused = await gql(physician(p1), REGISTER, {
        input: { sessionId: elsewhere.id, personId: p1.id, idempotencyKey: key },
      });
      expect(errorOf(reused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });

      expect(
        (await register(physician(p2), { sessionId: s.id, personId: p2.id })).data?.registerForSession.status,
      ).toBe('REGISTERED');
      // the host's staff register by registry number only a person their association already
      // knows (a member, an earlier attendee): for anyone else it answers like an unused number
      const unknown = await register(clerk, { sessionId: s.id, registryNumber: p3.registry_number });
      const unused = await register(clerk, { sessionId: s.id, registryNumber: '9999998' });
      expect(errorOf(unknown)?.code).toBe('NOT_FOUND');
      expect(unknown.errors).toEqual(unused.errors);
      // a non-member registers themself: the session is full
      const own = await register(physician(p3), { sessionId: s.id, personId: p3.id });
      expect(own.data?.registerForSession).toMatchObject({ status: 'WAITLISTED', person: { id: p3.id } });
      let session = (await ok(clerk, SESSION, { id: s.id })).trainingSession;
      expect([session.registeredCount, session.waitlistedCount]).toEqual([2, 1]);
      // a physician sees the counts too (not only the rows row-level security lets them read)
      session = (await ok(physician(p1), SESSION, { id: s.id })).trainingSession;
      expect([session.registeredCount, session.waitlistedCount]).toEqual([2, 1]);

      // nobody registers someone they do not see
      const other = await register(physician(p1), { sessionId: s.id, personId: stranger.id });
      expect(errorOf(other)?.code).toBe('NOT_FOUND');

      const cancelled = await ok(physician(p1), CANCEL, { s: s.id, p: p1.id });
      expect(cancelled.cancelSessionRegistration.status).toBe('CANCELLED');
      session = (await ok(clerk, SESSION, { id: s.id })).trainingSession;
      const status = Object.fromEntries(
        (session.attendances as { status: string; person: { id: string } }[]).map((x) => [
          x.person.id,
          x.status,
        ]),
      );
      expect(status[p3.id]).toBe('REGISTERED');
      expect(status[p2.id]).toBe('REGISTERED');
      expect([session.registeredCount, session.waitlistedCount]).toEqual([2, 0]);

      // the host's staff may cancel too; the person re-registers at the end of the queue
      expect((await ok(clerk, CANCEL, { s: s.id, p: p2.id })).cancelSessionRegistration.status).toBe(
        'CANCELLED',
      );
      const back = await register(physician(p1), { sessionId: s.id, personId: p1.id });
      expect(back.data?.registerForSession).toMatchObject({
        id: a.registerForSession.id,
        status: 'REGISTERED',
      });
      // a VIEWER of the host may not; the clerk of p1's own association may (MEMBER, write policy)
      expect(errorOf(await gql(viewerRole, CANCEL, { s: s.id, p: p1.id }))?.code).toBe('FORBIDDEN');
      expect((await ok(otherClerk, CANCEL, { s: s.id, p: p1.id })).cancelSessionRegistration.status).toBe(
        'CANCELLED',
      );
    });

    it('more seats move the waiting list up in queue order; no limit moves everyone up', async () => {
      const UPDATE = `mutation U($input: UpdateTrainingSessionInput!) { updateTrainingSession(input: $input) { version capacity } }`;
      const s = await createSession({ capacity: 1 });
      // a person of its own: a registration makes them known to the host (TRAINING_HOST)
      const c = await db.admin();
      const p4 = await buildPerson(c);
      await buildMembership(c, { person_id: p4.id, association_id: otherId });
      const statusOf = async () => {
        const session = (await ok(clerk, SESSION, { id: s.id })).trainingSession;
        return Object.fromEntries(
          (session.attendances as { status: string; person: { id: string } }[]).map((x) => [
            x.person.id,
            x.status,
          ]),
        );
      };
      // p1 takes the seat; p2, p3 and then p4 (a fourth one) wait
      for (const p of [p1, p2, p3, p4])
        expect((await register(physician(p), { sessionId: s.id, personId: p.id })).errors).toBeUndefined();
      expect(await statusOf()).toEqual({
        [p1.id]: 'REGISTERED',
        [p2.id]: 'WAITLISTED',
        [p3.id]: 'WAITLISTED',
        [p4.id]: 'WAITLISTED',
      });
      // two more seats: the first two in the queue
      const v2 = (await ok(clerk, UPDATE, { input: { id: s.id, version: s.version, capacity: 3 } }))
        .updateTrainingSession;
      expect(await statusOf()).toEqual({
        [p1.id]: 'REGISTERED',
        [p2.id]: 'REGISTERED',
        [p3.id]: 'REGISTERED',
        [p4.id]: 'WAITLISTED',
      });
      // fewer seats than taken: nobody loses a seat, nobody moves up
      const v3 = (await ok(clerk, UPDATE, { input: { id: s.id, version: v2.version, capacity: 2 } }))
        .updateTrainingSession;
      expect((await statusOf())[p4.id]).toBe('WAITLISTED');
      // no limit: everyone waiting
      await ok(clerk, UPDATE, { input: { id: s.id, version: v3.version, capacity: null } });
      expect(Object.values(await statusOf())).toEqual([
        'REGISTERED',
        'REGISTERED',
        'REGISTERED',
        'REGISTERED',
      ]);
    });

    it('members-only sessions: only members of the host register (and see it)', async () => {
      const s = await createSession({ visibility: 'MEMBERS_ONLY', capacity: null });
      const list = `query { trainingSessions(filter: { hostAssociationId: "${hostId}" }, first: 100) { id } }`;
      const ids = (d: Record<string, Json>) => (d.trainingSessions as { id: string }[]).map((x) => x.id);
      expect(ids(await ok(physician(member), list))).toContain(s.id);
      expect(ids(await ok(clerk, list))).toContain(s.id);
      expect(ids(await ok(physician(p1), list))).not.toContain(s.id);
      expect(
        (await ok(physician(p1), `query { trainingSession(id: "${s.id}") { id } }`)).trainingSession,
      ).toBeNull();

      expect(errorOf(await register(physician(p1), { sessionId: s.id, personId: p1.id }))?.code).toBe(
        'NOT_FOUND',
      );
      expect(
        errorOf(await register(clerk, { sessionId: s.id, registryNumber: p3.registry_number }))?.code,
      ).toBe('FORBIDDEN');
      const ok1 = await register(physician(member), { sessionId: s.id, personId: member.id });
      expect(ok1.data?.registerForSession.status).toBe('REGISTERED');
    });

    it("a physician's own registration closes when the session ends; the host's staff may still register", async () => {
      const yesterday = addDays(clock.today(), -1);
      const past = await createSession({
        capacity: null,
        startsAt: `${yesterday}T19:00:00+09:00`,
        endsAt: `${yesterday}T21:00:00+09:00`,
      });
      const own = await register(physician(p3), { sessionId: past.id, personId: p3.id });
      expect(own.errors?.[0]?.message).toBe(
        'この研修会の参加申込は締め切られました。 (Registration for this session has closed)',
      );
      expect(errorOf(own)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
      // (p3 registered for an earlier session of the host: its staff know them)
      const byStaff = await register(clerk, { sessionId: past.id, registryNumber: p3.registry_number });
      expect(byStaff.data?.registerForSession).toMatchObject({ status: 'REGISTERED', person: { id: p3.id } });
    });

    it('refuses a cancelled session', async () => {
      const s = await createSession();
      await ok(clerk, `mutation { cancelTrainingSession(id: "${s.id}", version: ${s.version}) { status } }`);
      const res = await register(physician(p1), { sessionId: s.id, personId: p1.id });
      expect(errorOf(res)?.code).toBe('CONFLICT');
    });
  });

  describe('attendance', () => {
    it('CSV: a dry-run report per row, then the real run applies the good rows; a second import changes nothing', async () => {
      const s = await createSession({ capacity: null });
      for (const p of [p1, p2, p3])
        expect((await register(physician(p), { sessionId: s.id, personId: p.id })).errors).toBeUndefined();
      await ok(clerk, CANCEL, { s: s.id, p: p3.id });
      const csv = [
        '医籍登録番号,氏名',
        `${p1.registry_number},${p1.family_name}`,
        `${p2.registry_number}`,
        `${p1.registry_number}`,
        '9999999',
        `${stranger.registry_number}`,
        `${p3.registry_number}`,
        'abc',
      ].join('\r\n');

      const dry = (await ok(clerk, IMPORT, { input: { sessionId: s.id, csv, dryRun: true } }))
        .importAttendanceCsv;
      expect(dry).toMatchObject({ dryRun: true, applied: 0, matched: 2, rejected: 5 });
      expect(dry.rows.map((r: Json) => [r.rowNumber, r.status, r.person?.id ?? null])).toEqual([
        [2, 'MATCHED', p1.id],
        [3, 'MATCHED', p2.id],
        [4, 'DUPLICATE', null],
        // a number nobody holds reads like a stranger's: the host may not learn who exists
        [5, 'NOT_REGISTERED', null],
        [6, 'NOT_REGISTERED', null],
        [7, 'NOT_REGISTERED', null],
        [8, 'MALFORMED', null],
      ]);
      expect(await ledger(s.id)).toEqual([]);

      const real = (await ok(clerk, IMPORT, { input: { sessionId: s.id, csv, dryRun: false } }))
        .importAttendanceCsv;
      expect(real).toMatchObject({ dryRun: false, applied: 2, matched: 2, rejected: 5 });
      const entries = await ledger(s.id);
      expect(entries).toHaveLength(4);
      expect(entries.filter((e) => e.person_id === p1.id)).toEqual([
        expect.objectContaining({
          program_code: 'CME',
          code: '10',
          units: 1,
          earned_on: day,
          source: 'SESSION',
        }),
        expect.objectContaining({ program_code: 'CME', code: '72', units: 0.5, earned_on: day }),
      ]);

      const again = (await ok(clerk, IMPORT, { input: { sessionId: s.id, csv, dryRun: false } }))
        .importAttendanceCsv;
      expect(again).toMatchObject({ applied: 0, matched: 0 });
      expect(again.rows.slice(0, 2).map((r: Json) => r.status)).toEqual([
        'ALREADY_RECORDED',
        'ALREADY_RECORDED',
      ]);
      expect(await ledger(s.id)).toHaveLength(4);

      const session = (await ok(clerk, SESSION, { id: s.id })).trainingSession;
      const attended = (session.attendances as { status: string; person: { id: string } }[])
        .filter((a) => a.status === 'ATTENDED')
        .map((a) => a.person.id)
        .sort();
      expect(attended).toEqual([p1.id, p2.id].sort());

      // only the host's staff import
      expect(
        errorOf(await gql(otherClerk, IMPORT, { input: { sessionId: s.id, csv, dryRun: true } }))?.code,
      ).toBe('FORBIDDEN');
    });

    it('one by one: the host staff record a registered person once; credits go to the ledger once', async () => {
      const s = await createSession({ capacity: null });
      await register(physician(p1), { sessionId: s.id, personId: p1.id });
      const RECORD = `mutation R($input: RecordAttendanceInput!) { recordAttendance(input: $input) { status units checkInMethod } }`;
      const r = await ok(clerk, RECORD, { input: { sessionId: s.id, registryNumber: p1.registry_number } });
      expect(r.recordAttendance).toEqual({ status: 'ATTENDED', units: 1.5, checkInMethod: 'STAFF' });
      await ok(clerk, RECORD, { input: { sessionId: s.id, personId: p1.id } });
      expect(await ledger(s.id)).toHaveLength(2);
      const notRegistered = await gql(clerk, RECORD, {
        input: { sessionId: s.id, registryNumber: '9999999' },
      });
      // a number nobody holds answers like a person the host has no relation to (existence does not leak)
      expect(errorOf(notRegistered)?.code).toBe('NOT_FOUND');
      // the host does not see a person with no relation to it: absent, not "not registered"
      const unrelated = await gql(clerk, RECORD, { input: { sessionId: s.id, personId: stranger.id } });
      expect(errorOf(unrelated)?.code).toBe('NOT_FOUND');
    });

    it('self check-in with the session code during the session', async () => {
      const now = clock.now().getTime();
      const s = await createSession({
        capacity: null,
        startsAt: new Date(now - 10 * 60_000).toISOString(),
        endsAt: new Date(now + 60 * 60_000).toISOString(),
      });
      const later = await createSession({ capacity: null });
      for (const id of [s.id, later.id]) await register(physician(p1), { sessionId: id, personId: p1.id });
      const CHECK_IN = `mutation C($s: ID!, $c: String!) { checkInToSession(sessionId: $s, code: $c) { status checkInMethod } }`;

      expect(errorOf(await gql(physician(p1), CHECK_IN, { s: s.id, c: 'WRONG1' }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'code',
      });
      // a new code replaces the old one
      const fresh = (
        await ok(clerk, `mutation { regenerateCheckInCode(sessionId: "${s.id}") { checkInCode } }`)
      ).regenerateCheckInCode.checkInCode as string;
      expect(fresh).not.toBe(s.checkInCode);
      expect(errorOf(await gql(physician(p1), CHECK_IN, { s: s.id, c: s.checkInCode }))?.field).toBe('code');
      // a physician not registered cannot check in
      expect(errorOf(await gql(physician(p2), CHECK_IN, { s: s.id, c: fresh }))?.code).toBe('BAD_USER_INPUT');
      const done = await ok(physician(p1), CHECK_IN, { s: s.id, c: fresh.toLowerCase() });
      expect(done.checkInToSession).toEqual({ status: 'ATTENDED', checkInMethod: 'SELF_CHECK_IN' });
      await ok(physician(p1), CHECK_IN, { s: s.id, c: fresh });
      expect(await ledger(s.id)).toHaveLength(2);
      // outside the session window
      expect(
        errorOf(await gql(physician(p1), CHECK_IN, { s: later.id, c: later.checkInCode })),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'sessionId',
      });
      // staff have no person to check in
      expect(errorOf(await gql(clerk, CHECK_IN, { s: s.id, c: fresh }))?.code).toBe('FORBIDDEN');
    });
  });

  describe('iCalendar feed', () => {
    it('serves the public sessions of an association through the gateway, without login or personal data', async () => {
      const pub = await createSession({ title: '産業医研修会: 前期, 後期; 実地', venue: '医師会館, 3階' });
      const membersOnly = await createSession({ title: '会員限定', visibility: 'MEMBERS_ONLY' });
      const cancelled = await createSession({ title: '中止の回' });
      await ok(clerk, `mutation { cancelTrainingSession(id: "${cancelled.id}", version: 1) { status } }`);
      await register(physician(p1), { sessionId: pub.id, personId: p1.id });

      const res = await fetch(new URL(`/calendar/${hostId}.ics`, stack.gatewayUrl));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const text = await res.text();
      const cal = parseCalendar(text);
      const events = cal.children.filter((c) => c.type === 'VEVENT');
      const uids = events.map((e) => prop(e, 'UID')!.value.split('@')[0]);
      expect(uids).toContain(pub.id);
      expect(uids).toContain(cancelled.id);
      expect(uids).not.toContain(membersOnly.id);
      const e = events.find((x) => prop(x, 'UID')!.value.startsWith(pub.id))!;
      expect(prop(e, 'SUMMARY')!.value).toBe('産業医研修会: 前期\\, 後期\\; 実地');
      expect(unescapeText(prop(e, 'LOCATION')!.value)).toBe('医師会館, 3階');
      expect(prop(e, 'DTSTART')).toMatchObject({
        params: { TZID: 'Asia/Tokyo' },
        value: `${day.replace(/-/g, '')}T190000`,
      });
      expect(prop(e, 'DTSTAMP')!.value).toMatch(/^\d{8}T\d{6}Z$/);
      const c = events.find((x) => prop(x, 'UID')!.value.startsWith(cancelled.id))!;
      expect(prop(c, 'STATUS')!.value).toBe('CANCELLED');
      // no attendee, name or registry number
      expect(text).not.toContain(p1.registry_number);
      expect(text).not.toContain(p1.given_name);
      expect(text).not.toMatch(/ATTENDEE|ORGANIZER/);

      expect(
        (await fetch(new URL(`/calendar/${otherId.replace(/.$/, '0')}0.ics`, stack.gatewayUrl))).status,
      ).toBe(404);
      expect(
        (await fetch(new URL('/calendar/00000000-0000-4000-8000-000000000000.ics', stack.gatewayUrl))).status,
      ).toBe(404);
      expect(
        (await fetch(new URL(`/calendar/${hostId}.ics`, stack.gatewayUrl), { method: 'POST' })).status,
      ).toBe(405);
    });
  });
});
