import { randomUUID } from 'node:crypto';
import { clock } from '@mamis/platform';
import { Client as PgClient, type Client } from 'pg';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { startStack, type Stack } from '../../../test/support/stack';
import { buildTree, physician, staffOf, type Tree } from './support/membership-service';

const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Who acted, by name: a physician's access log (`actorName`) and their application's steps
 * (`decidedByName`) give the staff member's display name as the identity service holds it (with the
 * association beside it), not only an account id. Through the gateway over HTTP.
 */
describe('the access log and application steps name the staff member', () => {
  let db: TestDatabase;
  let admin: Client;
  let stack: Stack;
  let t: Tree;
  let personId: string;
  let clerkAccountId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    personId = (await buildPerson(admin, { family_name: '高橋', given_name: '誠' })).id;
    for (const a of [t.bunkyo, t.tokyo, t.jma])
      await buildMembership(admin, { person_id: personId, association_id: a.id });
    clerkAccountId = randomUUID();
    await admin.query(
      `INSERT INTO identity.account (id, username, kind, association_id, role, display_name)
       VALUES ($1, 'bunkyo-clerk', 'STAFF', $2, 'CLERK', '文京 事務担当')`,
      [clerkAccountId, t.bunkyo.id],
    );
    stack = await startStack(db);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await admin?.end();
    await db?.drop();
  });

  const clerk = () => ({ ...staffOf(t.bunkyo), sub: clerkAccountId });

  it("gives the staff member's name (and association) in the physician's access log", async () => {
    const read = await stack.queryAs(clerk(), 'query ClerkReads($id: ID!) { person(id: $id) { email } }', {
      id: personId,
    });
    expect(read.body.errors).toBeUndefined();
    // an account the identity service does not know: no name, the id stays
    const other = await stack.queryAs(
      { ...staffOf(t.bunkyo), sub: 'staff-without-account' },
      'query OtherReads($id: ID!) { person(id: $id) { email } }',
      { id: personId },
    );
    expect(other.body.errors).toBeUndefined();

    const res = await stack.queryAs<{
      me: { accessLog: { actor: string; actorName: string | null; association: { name: string } }[] };
    }>(physician(personId), '{ me { accessLog { actor actorName association { name } } } }');
    expect(res.body.errors).toBeUndefined();
    const log = res.body.data!.me.accessLog;
    expect(log).toEqual(
      expect.arrayContaining([
        { actor: clerkAccountId, actorName: '文京 事務担当', association: { name: '文京区医師会' } },
        { actor: 'staff-without-account', actorName: null, association: { name: '文京区医師会' } },
      ]),
    );
  });

  it("gives the deciding staff member's name on an application step", async () => {
    const filed = await stack.queryAs<{ fileMembershipApplication: { steps: { id: string }[] } }>(
      physician(personId),
      `mutation($input: FileMembershipApplicationInput!) {
         fileMembershipApplication(input: $input, idempotencyKey: "actor-names-1") { steps { id } } }`,
      {
        input: {
          personId,
          kind: 'LEAVE',
          effectiveOn: addDays(clock.today(), 30),
          associations: [{ associationId: t.bunkyo.id }],
        },
      },
    );
    expect(filed.body.errors).toBeUndefined();
    const [first] = filed.body.data!.fileMembershipApplication.steps;
    const decided = await stack.queryAs(
      clerk(),
      `mutation($id: ID!) { decideMembershipApplicationStep(stepId: $id, decision: APPROVE) { id } }`,
      { id: first!.id },
    );
    expect(decided.body.errors).toBeUndefined();

    const mine = await stack.queryAs<{
      me: {
        membershipApplications: { steps: { decidedBy: string | null; decidedByName: string | null }[] }[];
      };
    }>(physician(personId), '{ me { membershipApplications { steps { decidedBy decidedByName } } } }');
    expect(mine.body.errors).toBeUndefined();
    const steps = mine.body.data!.me.membershipApplications[0]!.steps;
    expect(steps[0]).toEqual({ decidedBy: clerkAccountId, decidedByName: '文京 事務担当' });
    for (const s of steps.slice(1)) expect(s).toEqual({ decidedBy: null, decidedByName: null });
  });

  it('lets only the membership role read the names (every other role reads no row)', async () => {
    for (const role of ['membership', 'training', 'consent'] as const) {
      const c = new PgClient({ connectionString: db.urlFor(role) });
      await c.connect();
      try {
        const seen = await c.query('SELECT count(*)::int AS n FROM access.account_name_v1');
        expect(seen.rows[0].n).toBe(role === 'membership' ? 1 : 0);
      } finally {
        await c.end();
      }
    }
  });
});
