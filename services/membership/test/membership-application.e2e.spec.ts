import { clock } from '@mamis/platform';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack } from '../../../test/support/stack';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { buildTree, physician, staffOf, type Tree } from './support/membership-service';

/**
 * The main flow through the gateway over HTTP: a physician files a transfer (異動) from Bunkyo
 * (Tokyo) to Yokohama (Kanagawa) once; the four associations involved approve in turn; on the
 * next request Yokohama's staff see a member, and Bunkyo's staff see a former member only.
 */
describe('membership application through the gateway', () => {
  let db: TestDatabase;
  let stack: Stack;
  let t: Tree;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const c = await db.admin();
    t = await buildTree(c);
    personId = (
      await buildPerson(c, {
        family_name: '渡辺',
        given_name: '明',
        family_name_kana: 'ワタナベ',
        given_name_kana: 'アキラ',
      })
    ).id;
    for (const a of [t.bunkyo, t.tokyo, t.jma])
      await buildMembership(c, {
        person_id: personId,
        association_id: a.id,
        category: 'A①',
        joined_on: '2012-04-01',
      });
    stack = await startStack(db);
  });

  afterAll(async () => {
    await stack?.close();
    await db?.drop();
  });

  const PERSON = `query($id: ID!) { person(id: $id) {
    familyName email memberships { status association { id } } membershipHistory { kind association { id } } } }`;
  type PersonView = {
    person: {
      familyName: string;
      email: string | null;
      memberships: { status: string; association: { id: string } }[];
      membershipHistory: { kind: string; association: { id: string } }[];
    } | null;
  };

  it('file → approve at each association → the new association sees a member, the former one a former member', async () => {
    // before: Yokohama does not see the physician at all
    const before = await stack.queryAs<PersonView>(staffOf(t.yokohama), PERSON, { id: personId });
    expect(before.body.data?.person).toBeNull();

    const filed = await stack.queryAs<{
      fileMembershipApplication: {
        id: string;
        status: string;
        steps: { id: string; association: { id: string } }[];
      };
    }>(
      physician(personId),
      `mutation($input: FileMembershipApplicationInput!) {
         fileMembershipApplication(input: $input, idempotencyKey: "move-2026") {
           id status steps { id association { id } } } }`,
      {
        input: {
          personId,
          kind: 'TRANSFER',
          // within the allowed window (two years back, one ahead) whatever the clock says
          effectiveOn: clock.today(),
          transferFrom: [t.bunkyo.id, t.tokyo.id],
          associations: [{ associationId: t.yokohama.id }, { associationId: t.kanagawa.id }],
          comment: '勤務先の異動のため',
        },
      },
    );
    expect(filed.body.errors).toBeUndefined();
    const app = filed.body.data!.fileMembershipApplication;
    expect(app.steps.map((s) => s.association.id)).toEqual([
      t.bunkyo.id,
      t.yokohama.id,
      t.tokyo.id,
      t.kanagawa.id,
    ]);

    // the pending application makes the applicant visible to Yokohama (APPLICANT): in its inbox
    const inbox = await stack.queryAs<{
      membershipApplications: { id: string; person: { familyName: string } | null }[];
    }>(staffOf(t.yokohama), '{ membershipApplications(status: PENDING) { id person { familyName } } }');
    expect(inbox.body.data?.membershipApplications).toEqual([{ id: app.id, person: { familyName: '渡辺' } }]);

    const byId = new Map(Object.values(t).map((a) => [a.id, a]));
    for (const step of app.steps) {
      const res = await stack.queryAs<{ decideMembershipApplicationStep: { status: string } }>(
        staffOf(byId.get(step.association.id)!),
        `mutation($id: ID!) { decideMembershipApplicationStep(stepId: $id, decision: APPROVE, comment: "承認") { status } }`,
        { id: step.id },
      );
      expect(res.body.errors).toBeUndefined();
    }

    const mine = await stack.queryAs<{ me: { membershipApplications: { status: string }[] } }>(
      physician(personId),
      '{ me { membershipApplications { status } } }',
    );
    expect(mine.body.data?.me.membershipApplications).toEqual([{ status: 'APPROVED' }]);

    // the new association: a member (contact data, the whole history)
    const after = await stack.queryAs<PersonView>(staffOf(t.yokohama), PERSON, { id: personId });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data?.person?.email).toMatch(/@example\.jp$/);
    expect(after.body.data?.person?.membershipHistory).toHaveLength(4);
    const members = await stack.queryAs<{ association: { members: { nodes: { id: string }[] } } }>(
      staffOf(t.yokohama),
      'query($id: ID!) { association(id: $id) { members { nodes { id } } } }',
      { id: t.yokohama.id },
    );
    expect(members.body.data?.association.members.nodes).toEqual([{ id: personId }]);

    // the former association: identity and its own records only
    const former = await stack.queryAs<PersonView>(staffOf(t.bunkyo), PERSON, { id: personId });
    expect(former.body.data?.person).toMatchObject({
      familyName: '渡辺',
      email: null,
      memberships: [{ status: 'TRANSFERRED', association: { id: t.bunkyo.id } }],
      membershipHistory: [{ kind: 'TRANSFER_OUT', association: { id: t.bunkyo.id } }],
    });
    expect(former.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['person.email', 'FORBIDDEN'],
    ]);
    const formerList = await stack.queryAs<{ association: { members: { nodes: unknown[] } } }>(
      staffOf(t.bunkyo),
      'query($id: ID!) { association(id: $id) { members { nodes { id } } } }',
      { id: t.bunkyo.id },
    );
    expect(formerList.body.data?.association.members.nodes).toEqual([]);
  });
});
