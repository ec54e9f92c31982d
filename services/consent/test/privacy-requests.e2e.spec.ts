import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack, type TestViewer } from '../../../test/support/stack';
import {
  buildAssociation,
  buildMembership,
  buildPerson,
  type PersonRow,
} from '../../../test/support/builders';
import { clock } from '@mamis/platform';
import { runDisclosureExport } from '../../../infra/privacy/disclosure-export';
import { runErasure } from '../../../infra/privacy/erase';

/**
 * Privacy requests through the gateway: a physician files privacy requests (APPI arts. 33–35);
 * corrections go to the staff of the person's member associations, disclosure and erasure to
 * the JMA (erasure: its administrators); the disclosure is read by the person; after an erasure
 * nothing of the person is readable by the JMA or by the former associations.
 */
type Errors = { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
interface Req {
  id: string;
  kind: string;
  status: string;
  details: string | null;
  dueOn: string;
  overdue: boolean;
  version: number;
  decisionNote: string | null;
  history: { status: string; note: string | null }[];
  export: { json: string; html: string; generatedAt: string } | null;
  person: { id: string } | null;
}
const FIELDS =
  'id kind status details dueOn overdue version decisionNote history { status note } person { id }';

const FILE = `mutation File($input: FilePrivacyRequestInput!) { filePrivacyRequest(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation Decide($input: DecidePrivacyRequestInput!) { decidePrivacyRequest(input: $input) { ${FIELDS} } }`;
const TO_DECIDE = `query ToDecide($a: ID!) { privacyRequestsToDecide(associationId: $a) { ${FIELDS} } }`;
const MINE = `query Mine($id: ID!) { person(id: $id) { id privacyRequests { ${FIELDS} export { json html generatedAt } } } }`;

describe('privacy requests through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let jma: string;
  let pref: string;
  let muni: string;
  let otherMuni: string;
  let a: PersonRow;
  let b: PersonRow;
  let physicianA: TestViewer;
  let muniClerk: TestViewer;
  let prefClerk: TestViewer;
  let otherClerk: TestViewer;
  let jmaAdmin: TestViewer;
  let jmaClerk: TestViewer;

  const staff = (associationId: string, associationTier: string, role: string, sub: string): TestViewer =>
    ({ kind: 'STAFF', sub, associationId, associationTier, role }) as TestViewer;

  const file = async (viewer: TestViewer, input: Record<string, unknown>) => {
    const res = await stack.queryAs<{ filePrivacyRequest: Req }>(viewer, FILE, { input });
    return { req: res.body.data?.filePrivacyRequest, errors: res.body.errors as Errors };
  };
  const decide = async (viewer: TestViewer, input: Record<string, unknown>) => {
    const res = await stack.queryAs<{ decidePrivacyRequest: Req }>(viewer, DECIDE, { input });
    return { req: res.body.data?.decidePrivacyRequest, errors: res.body.errors as Errors };
  };
  const toDecide = async (viewer: TestViewer, associationId: string) => {
    const res = await stack.queryAs<{ privacyRequestsToDecide: Req[] }>(viewer, TO_DECIDE, {
      a: associationId,
    });
    return { list: res.body.data?.privacyRequestsToDecide, errors: res.body.errors as Errors };
  };
  const mine = async (viewer: TestViewer, personId: string) => {
    const res = await stack.queryAs<{ person: { id: string; privacyRequests: Req[] | null } | null }>(
      viewer,
      MINE,
      {
        id: personId,
      },
    );
    return { person: res.body.data?.person, errors: res.body.errors as Errors };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    jma = (await buildAssociation(c, { code: 'JMA', tier: 'NATIONAL', prefecture_code: null })).id;
    pref = (await buildAssociation(c, { code: 'P13', tier: 'PREFECTURAL', parent_id: jma })).id;
    muni = (await buildAssociation(c, { code: 'M13001', tier: 'MUNICIPAL', parent_id: pref })).id;
    otherMuni = (await buildAssociation(c, { code: 'M13002', tier: 'MUNICIPAL', parent_id: pref })).id;
    a = await buildPerson(c, {
      family_name: '権利',
      given_name: '行使子',
      given_name_kana: 'コウシコ',
      email: 'rights@example.jp',
      phone: '090-1111-2222',
      registry_number: '555001',
      address: '東京都文京区本駒込2-28-16',
    });
    b = await buildPerson(c, { email: 'other@example.jp' });
    for (const association_id of [jma, pref, muni])
      await buildMembership(c, { person_id: a.id, association_id });
    await buildMembership(c, { person_id: b.id, association_id: otherMuni });
    stack = await startStack(db);
    physicianA = { kind: 'PHYSICIAN', sub: 'physician-a', personId: a.id };
    muniClerk = staff(muni, 'MUNICIPAL', 'CLERK', 'muni-clerk');
    prefClerk = staff(pref, 'PREFECTURAL', 'CLERK', 'pref-clerk');
    otherClerk = staff(otherMuni, 'MUNICIPAL', 'CLERK', 'other-clerk');
    jmaAdmin = staff(jma, 'NATIONAL', 'ADMIN', 'jma-admin');
    jmaClerk = staff(jma, 'NATIONAL', 'CLERK', 'jma-clerk');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  it('lets the physician file a disclosure request once per idempotency key, with status, due date and history', async () => {
    const input = { personId: a.id, kind: 'DISCLOSURE', idempotencyKey: 'disc-1' };
    const first = await file(physicianA, input);
    expect(first.errors).toBeUndefined();
    const due = new Date(`${clock.today()}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 14);
    expect(first.req).toMatchObject({
      kind: 'DISCLOSURE',
      status: 'RECEIVED',
      dueOn: due.toISOString().slice(0, 10),
      overdue: false,
      history: [{ status: 'RECEIVED', note: null }],
      person: { id: a.id },
    });
    const again = await file(physicianA, input);
    expect(again.req?.id).toBe(first.req?.id);
    const reused = await file(physicianA, { ...input, kind: 'ERASURE' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    const { person } = await mine(physicianA, a.id);
    expect(person?.privacyRequests?.map((r) => r.id)).toEqual([first.req!.id]);
  });

  it('is the person’s own right: another physician gets NOT_FOUND, member staff FORBIDDEN, and neither sees the list', async () => {
    const other = await file(
      { kind: 'PHYSICIAN', sub: 'physician-b', personId: b.id },
      {
        personId: a.id,
        kind: 'ERASURE',
        idempotencyKey: 'x',
      },
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const clerk = await file(muniClerk, { personId: a.id, kind: 'ERASURE', idempotencyKey: 'y' });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const list = await mine(muniClerk, a.id);
    expect(list.person).toEqual({ id: a.id, privacyRequests: null });
  });

  it('routes a correction to the staff of the person’s member associations, who decide it', async () => {
    const missing = await file(physicianA, { personId: a.id, kind: 'CORRECTION', idempotencyKey: 'c0' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.details' });
    const { req } = await file(physicianA, {
      personId: a.id,
      kind: 'CORRECTION',
      details: '自宅住所が旧住所のままです。正しくは東京都港区。',
      idempotencyKey: 'c1',
    });
    expect(req?.status).toBe('RECEIVED');
    for (const [viewer, association] of [
      [muniClerk, muni],
      [prefClerk, pref],
    ] as const) {
      const { list, errors } = await toDecide(viewer, association);
      expect(errors).toBeUndefined();
      expect(list?.map((r) => [r.id, r.details])).toEqual([[req!.id, expect.stringContaining('東京都港区')]]);
    }
    const other = await toDecide(otherClerk, otherMuni);
    expect(other.list).toEqual([]);
    const foreign = await toDecide(otherClerk, muni);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const notRouted = await decide(otherClerk, {
      requestId: req!.id,
      associationId: otherMuni,
      approve: true,
      version: req!.version,
    });
    expect(notRouted.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    const done = await decide(muniClerk, {
      requestId: req!.id,
      associationId: muni,
      approve: true,
      note: '住所を訂正しました',
      version: req!.version,
    });
    expect(done.errors).toBeUndefined();
    expect(done.req).toMatchObject({
      status: 'COMPLETED',
      decisionNote: '住所を訂正しました',
      history: [{ status: 'RECEIVED' }, { status: 'COMPLETED', note: '住所を訂正しました' }],
    });
    const twice = await decide(prefClerk, {
      requestId: req!.id,
      associationId: pref,
      approve: false,
      note: 'x',
      version: done.req!.version,
    });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('has the JMA decide the disclosure; the export is then readable by the person only (JSON + HTML)', async () => {
    const { list } = await toDecide(jmaClerk, jma);
    const disclosure = list!.find((r) => r.kind === 'DISCLOSURE')!;
    expect(disclosure).toBeDefined();
    const reject = await decide(jmaClerk, {
      requestId: disclosure.id,
      associationId: jma,
      approve: false,
      version: disclosure.version,
    });
    expect(reject.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    const ok = await decide(jmaClerk, {
      requestId: disclosure.id,
      associationId: jma,
      approve: true,
      version: disclosure.version,
    });
    expect(ok.req?.status).toBe('APPROVED');

    await runDisclosureExport(await db.admin(), disclosure.id);

    const { person, errors } = await mine(physicianA, a.id);
    expect(errors).toBeUndefined();
    const mineNow = person!.privacyRequests!.find((r) => r.id === disclosure.id)!;
    expect(mineNow.status).toBe('COMPLETED');
    const json = JSON.parse(mineNow.export!.json) as {
      records: Record<string, { id: string }[]>;
      personId: string;
    };
    expect(json.personId).toBe(a.id);
    expect(json.records['membership.membership']).toHaveLength(3);
    expect(json.records['consent.privacy_request']!.length).toBeGreaterThanOrEqual(2);
    expect(mineNow.export!.html).toContain('保有個人データの開示');
    // the JMA sees the request (to decide it), never the export
    const jmaView = await toDecide(jmaClerk, jma);
    expect(jmaView.list!.find((r) => r.id === disclosure.id)?.status).toBe('COMPLETED');
    const res = await stack.queryAs<{ privacyRequestsToDecide: { export: unknown }[] }>(
      jmaClerk,
      `query { privacyRequestsToDecide(associationId: "${jma}") { id export { json } } }`,
    );
    expect(res.body.data?.privacyRequestsToDecide.every((r) => r.export === null)).toBe(true);
  });

  it('has JMA administrators (only) decide an erasure; afterwards nothing of the person is readable by the JMA or the former associations', async () => {
    const { req } = await file(physicianA, {
      personId: a.id,
      kind: 'ERASURE',
      details: '退会したため',
      idempotencyKey: 'e1',
    });
    expect((await toDecide(muniClerk, muni)).list?.some((r) => r.id === req!.id)).toBe(false);
    expect((await toDecide(jmaClerk, jma)).list?.some((r) => r.id === req!.id)).toBe(false);
    const clerk = await decide(jmaClerk, {
      requestId: req!.id,
      associationId: jma,
      approve: true,
      version: req!.version,
    });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const listed = await toDecide(jmaAdmin, jma);
    expect(listed.list?.some((r) => r.id === req!.id && r.kind === 'ERASURE')).toBe(true);
    const approved = await decide(jmaAdmin, {
      requestId: req!.id,
      associationId: jma,
      approve: true,
      version: req!.version,
    });
    expect(approved.req?.status).toBe('APPROVED');

    const readA = `query { person(id: "${a.id}") { id familyName email registryNumber } }`;
    expect((await stack.queryAs<{ person: unknown }>(jmaAdmin, readA)).body.data?.person).toMatchObject({
      email: a.email,
    });

    await runErasure(await db.admin(), req!.id);

    const values = [
      a.id,
      a.family_name,
      a.given_name,
      a.given_name_kana,
      a.email!,
      a.phone!,
      a.registry_number,
      a.address!,
    ];
    const everything = `{ person(id: "${a.id}") { id familyName } people(first: 100) { nodes { id familyName givenName
        familyNameKana givenNameKana birthDate email phone address registryNumber memberships { status category } } } }`;
    for (const [viewer, association] of [
      [jmaAdmin, jma],
      [prefClerk, pref],
      [muniClerk, muni],
    ] as const) {
      const res = await stack.queryAs<{ person: unknown }>(viewer, everything);
      expect(res.body.data?.person).toBeNull();
      const members = await stack.queryAs(
        viewer,
        `query { association(id: "${association}") { members(filter: { status: LEFT }) { nodes { id familyName email registryNumber } } } }`,
      );
      // former members: contact fields are FORBIDDEN as for any former member, nothing else fails
      expect((res.body.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
      expect((members.body.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
      // the pseudonymised membership stays (aggregates) as a former member without personal data
      const left = (members.body.data as { association: { members: { nodes: { familyName: string }[] } } })
        .association.members.nodes;
      expect(left.map((n) => n.familyName)).toEqual(['［消去済み］']);
      const text = JSON.stringify([res.body, members.body]);
      for (const v of values)
        expect({ viewer: viewer.sub, v, found: text.includes(v) }).toMatchObject({ found: false });
    }
    // the physician's own (old) identity is gone too
    const self = await stack.queryAs<{ person: unknown }>(physicianA, readA);
    expect(self.body.data?.person).toBeNull();
  });
});
