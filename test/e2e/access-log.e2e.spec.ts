import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../support/builders';

/**
 * issue 5: "A physician can read `me { accessLog }`: which association (and which staff member)
 * saw which groups of their data, when, and on what basis." Through the gateway over HTTP: staff
 * reads are audited, the physician (or whoever acts as them) reads the log, nobody else does.
 */
interface Entry {
  at: string;
  association: { id: string } | null;
  groups: string[];
  relations: string[];
  viewerKind: string;
  actor: string | null;
  onBehalfOf: string | null;
  operation: string | null;
  service: string;
  action: string;
}
type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;

const MY_LOG = `query MyLog($first: Int) {
  me { id accessLog(first: $first) {
    at association { id } groups relations viewerKind actor onBehalfOf operation service action
  } }
}`;

describe('a physician reads their own access log (me { accessLog })', () => {
  let db: TestDatabase;
  let stack: Stack;
  let municipalId: string;
  let personA: string;
  let personB: string;
  let clerk: TestViewer;
  let physicianA: TestViewer;
  let physicianB: TestViewer;

  const logOf = async (viewer: TestViewer, first?: number) => {
    const res = await stack.queryAs<{ me: { id: string; accessLog: Entry[] | null } | null }>(
      viewer,
      MY_LOG,
      first === undefined ? {} : { first },
    );
    return { me: res.body.data?.me, errors: res.body.errors as Errors };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    const jma = await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null });
    const tokyo = await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma.id });
    municipalId = (await buildAssociation(c, { code: 'M13001', tier: 'MUNICIPAL', parent_id: tokyo.id })).id;
    personA = (await buildPerson(c)).id;
    personB = (await buildPerson(c)).id;
    await buildMembership(c, { person_id: personA, association_id: municipalId });
    await buildMembership(c, { person_id: personB, association_id: municipalId });
    stack = await startStack(db);
    clerk = {
      kind: 'STAFF',
      sub: 'staff-clerk-1',
      associationId: municipalId,
      associationTier: 'MUNICIPAL',
      role: 'CLERK',
    };
    physicianA = { kind: 'PHYSICIAN', sub: 'physician-a', personId: personA };
    physicianB = { kind: 'PHYSICIAN', sub: 'physician-b', personId: personB };
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('shows the municipal staff member who read their contact data: association, groups, relation', async () => {
    const read = await stack.queryAs<{ person: { email: string } | null }>(
      clerk,
      'query StaffReadsContact($id: ID!) { person(id: $id) { familyName email phone address } }',
      { id: personA },
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.person?.email).toBeTruthy();

    const { me, errors } = await logOf(physicianA);
    expect(errors).toBeUndefined();
    expect(me?.id).toBe(personA);
    expect(me?.accessLog).toHaveLength(1);
    const [entry] = me!.accessLog!;
    expect(entry).toMatchObject({
      association: { id: municipalId },
      relations: ['MEMBER'],
      viewerKind: 'STAFF',
      actor: 'staff-clerk-1',
      onBehalfOf: null,
      operation: 'StaffReadsContact',
      service: 'membership',
      action: 'READ',
    });
    expect(entry!.groups).toEqual(expect.arrayContaining(['CONTACT', 'IDENTITY']));
    expect(entry!.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);

    // reading one's own log is not itself recorded
    expect((await logOf(physicianA)).me?.accessLog).toHaveLength(1);
  });

  it('is FORBIDDEN to the staff of the member association (CONSENT status only)', async () => {
    const res = await stack.queryAs<{ person: { id: string; accessLog: Entry[] | null } | null }>(
      clerk,
      '{ person(id: "' + personA + '") { id accessLog { at actor } } }',
    );
    expect(res.body.data?.person).toEqual({ id: personA, accessLog: null });
    const errors = res.body.errors as Errors;
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['person', 'accessLog'], extensions: { code: 'FORBIDDEN' } });
    // the refused attempt is not recorded as a read of the person's CONSENT data (the id was read)
    const log = (await logOf(physicianA)).me!.accessLog!;
    expect(log[0]!.groups).toEqual(['IDENTITY']);
    expect(log.some((e) => e.groups.includes('CONSENT'))).toBe(false);
  });

  it("does not let a physician read another person's log (that person is absent)", async () => {
    const res = await stack.queryAs<{ person: unknown }>(
      physicianB,
      `{ person(id: "${personA}") { id accessLog { at actor } } }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ person: null });
    // B's own log has nothing of A's
    const b = await logOf(physicianB);
    expect(b.errors).toBeUndefined();
    expect(b.me).toEqual({ id: personB, accessLog: [] });
  });

  it('lets staff acting on the physician’s behalf read it, as the physician’s own act — recorded with the staff member as actor', async () => {
    const before = (await logOf(physicianA)).me!.accessLog!.length;
    const onBehalf: TestViewer = {
      kind: 'PHYSICIAN',
      sub: 'physician-a',
      personId: personA,
      actor: { sub: 'staff-x', kind: 'STAFF', associationId: municipalId },
    };
    const { me, errors } = await logOf(onBehalf);
    expect(errors).toBeUndefined();
    expect(me?.id).toBe(personA);
    expect(me?.accessLog?.length).toBe(before);
    // the act is attributable: one entry, actor = the staff member, on behalf of the physician
    const after = (await logOf(physicianA)).me!.accessLog!;
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ actor: 'staff-x', relations: ['SELF'] });
    expect(after[0]!.groups).toContain('CONSENT');
  });

  it('lists an entry covering several persons in each of their logs, newest first, `first` capped at 500', async () => {
    const read = await stack.queryAs(
      clerk,
      `query StaffReadsTwo { a: person(id: "${personA}") { email } b: person(id: "${personB}") { email } }`,
    );
    expect(read.body.errors).toBeUndefined();

    const a = (await logOf(physicianA)).me!.accessLog!;
    const b = (await logOf(physicianB)).me!.accessLog!;
    expect(a[0]?.operation).toBe('StaffReadsTwo');
    expect(b.map((e) => e.operation)).toEqual(['StaffReadsTwo']);
    expect(a.map((e) => e.operation)).toContain('StaffReadsContact');
    const times = a.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    expect((await logOf(physicianA, 1)).me?.accessLog).toHaveLength(1);
    const tooMany = await logOf(physicianA, 501);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('is null for `me` of staff (not a physician)', async () => {
    const res = await stack.queryAs<{ me: unknown }>(clerk, '{ me { id } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ me: null });
  });
});
