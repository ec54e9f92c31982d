import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkpointId, checkpointMessage, writeAuditCheckpoint } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startStack, type Stack, type TestViewer } from '../support/stack';
import { buildAssociation, buildMembership, buildPerson } from '../support/builders';

/**
 * "A physician can read `me { accessLog }`: which association (and which staff member)
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

  it('refuses the staff of the member association the person’s provision records, registry matches and privacy requests before recording any CONSENT read', async () => {
    const res = await stack.queryAs<{ person: Record<string, unknown> | null }>(
      clerk,
      `query RefusedOwnOnlyReads($id: ID!) {
        person(id: $id) { id provisionRecords { id } registryMatches { id } privacyRequests { id } }
      }`,
      { id: personA },
    );
    expect(res.body.data?.person).toEqual({
      id: personA,
      provisionRecords: null,
      registryMatches: null,
      privacyRequests: null, // absent, not an error
    });
    const errors = res.body.errors as Errors;
    expect(errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['person.provisionRecords', 'FORBIDDEN'],
      ['person.registryMatches', 'FORBIDDEN'],
    ]);
    // what the request read (the person's id) is in the log, the refused CONSENT fields are not
    const entries = (await logOf(physicianA)).me!.accessLog!.filter(
      (e) => e.operation === 'RefusedOwnOnlyReads',
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.flatMap((e) => e.groups)).not.toContain('CONSENT');
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

  it('names the signed checkpoint covering each entry, and none for entries newer than the last checkpoint', async () => {
    const CHECKPOINTED = `query MyCheckpoints {
      me { accessLog(first: 50) { operation checkpoint {
        id entryCount headSequence headHash signedAt signedAtText keyId signature
      } } }
    }`;
    type Cp = {
      id: string;
      entryCount: number;
      headSequence: string;
      headHash: string;
      signedAt: string;
      signedAtText: string;
      keyId: string;
      signature: string;
    };
    const logWithCheckpoints = async () => {
      const res = await stack.queryAs<{
        me: { accessLog: { operation: string | null; checkpoint: Cp | null }[] } | null;
      }>(physicianA, CHECKPOINTED);
      expect(res.body.errors).toBeUndefined();
      return res.body.data!.me!.accessLog;
    };
    const read = async (operation: string) =>
      expect(
        (await stack.queryAs(clerk, `query ${operation} { person(id: "${personA}") { email } }`)).body.errors,
      ).toBeUndefined();

    await read('BeforeAnyCheckpoint');
    // no checkpoint yet: every entry says so (null), none is invented
    expect((await logWithCheckpoints()).every((e) => e.checkpoint === null)).toBe(true);

    const dir = mkdtempSync(path.join(tmpdir(), 'mamis-access-log-checkpoints-'));
    const { privateKey: key } = generateKeyPairSync('ed25519');
    const c = await db.admin();
    try {
      const file = path.join(dir, 'checkpoints.jsonl');
      const first = (await writeAuditCheckpoint(
        { query: (sql, params) => c.query(sql, params).then((r) => r.rows) },
        { key, file },
      ))!;
      await read('AfterTheCheckpoint');
      const log = await logWithCheckpoints();
      const newest = log.find((e) => e.operation === 'AfterTheCheckpoint')!;
      const older = log.filter((e) => e.operation !== 'AfterTheCheckpoint');
      expect(newest.checkpoint).toBeNull();
      expect(older.length).toBeGreaterThan(0);
      for (const e of older)
        expect(e.checkpoint).toEqual({
          id: checkpointId(first),
          entryCount: first.size,
          headSequence: first.headSeq,
          headHash: first.headHash,
          signedAt: expect.stringMatching(/\+09:00$/),
          signedAtText: first.at,
          keyId: first.keyId,
          signature: first.sig,
        });
      // what the physician is given verifies by itself with the published public key
      const cp = older[0]!.checkpoint!;
      // DateTime is to the second in Asia/Tokyo; signedAtText is the instant as signed
      expect(Date.parse(cp.signedAt)).toBe(Math.floor(Date.parse(first.at) / 1000) * 1000);
      const message = checkpointMessage({
        size: cp.entryCount,
        headSeq: cp.headSequence,
        headHash: cp.headHash,
        at: cp.signedAtText,
      });
      expect(verify(null, message, createPublicKey(key), Buffer.from(cp.signature, 'base64'))).toBe(true);

      // the next checkpoint covers the newer entry; the older ones keep the first that covered them
      const second = (await writeAuditCheckpoint(
        { query: (sql, params) => c.query(sql, params).then((r) => r.rows) },
        { key, file },
      ))!;
      const again = await logWithCheckpoints();
      expect(again.find((e) => e.operation === 'AfterTheCheckpoint')!.checkpoint?.id).toBe(
        checkpointId(second),
      );
      expect(again.filter((e) => e.operation !== 'AfterTheCheckpoint').map((e) => e.checkpoint?.id)).toEqual(
        older.map(() => checkpointId(first)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is null for `me` of staff (not a physician)', async () => {
    const res = await stack.queryAs<{ me: unknown }>(clerk, '{ me { id } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ me: null });
  });
});
