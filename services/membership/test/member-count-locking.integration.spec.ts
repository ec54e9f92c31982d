import { Client } from 'pg';
import { clock } from '@mamis/platform';
import type { EntityManager } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { buildMembership, buildPerson } from '../../../test/support/builders';
import { MembershipEventRepository } from '../src/repositories/membership-event.repository';
import { buildTree, type Tree } from './support/membership-service';
import { expectMemberOrderMaintained } from './support/member-order';

/**
 * The maintained member counts (membership.active_member_count, kept by statement triggers) are
 * rows every membership change locks. A transfer changes two associations' counts in two
 * statements; two transfers in opposite directions committed at the same moment used to lock them
 * in opposite orders and one of them died of a deadlock (reported to the clerk as UNAVAILABLE,
 * "retry later"). `append` now takes the count rows of every association it will change first, in
 * key order, so concurrent writers queue instead.
 */
describe('membership changes lock the maintained member counts in one order (real PostgreSQL)', () => {
  let db: TestDatabase;
  let admin: Client;
  let t: Tree;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = await db.admin();
    t = await buildTree(admin);
    for (let i = 0; i < 2; i++) {
      const c = new Client({ connectionString: db.adminUrl });
      await c.connect();
      clients.push(c);
    }
  });

  afterAll(async () => {
    for (const c of clients) await c.end();
    await db?.drop();
  });

  /** `append` needs only `query` of its manager: the same statements on a plain connection. */
  const managerOf = (c: Client) =>
    ({
      query: async (sql: string, params?: unknown[]) => (await c.query(sql, params)).rows,
    }) as unknown as EntityManager;

  async function transfer(c: Client, personId: string, from: string, to: string) {
    await c.query('BEGIN');
    try {
      await MembershipEventRepository.lockPerson(managerOf(c), personId);
      await MembershipEventRepository.append(managerOf(c), [
        {
          personId,
          associationId: from,
          kind: 'TRANSFER_OUT',
          effectiveOn: clock.today(),
          recordedBy: 'test',
          counterpartAssociationId: to,
        },
        {
          personId,
          associationId: to,
          kind: 'TRANSFER_IN',
          category: 'A',
          effectiveOn: clock.today(),
          recordedBy: 'test',
          counterpartAssociationId: from,
        },
      ]);
      await c.query('COMMIT');
      return 'ok';
    } catch (e) {
      await c.query('ROLLBACK');
      return (e as { code?: string }).code ?? String(e);
    }
  }

  it('two transfers in opposite directions at the same moment both commit (ten rounds)', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const [p, q] = [await buildPerson(admin), await buildPerson(admin)];
      await buildMembership(admin, { person_id: p.id, association_id: t.bunkyo.id, category: 'A' });
      await buildMembership(admin, { person_id: q.id, association_id: t.chiyoda.id, category: 'A' });
      outcomes.push(
        ...(await Promise.all([
          transfer(clients[0]!, p.id, t.bunkyo.id, t.chiyoda.id),
          transfer(clients[1]!, q.id, t.chiyoda.id, t.bunkyo.id),
        ])),
      );
    }
    // 40P01 (deadlock_detected) in any round is the defect
    expect(outcomes).toEqual(Array(20).fill('ok'));
    await expectMemberOrderMaintained(admin);
  });

  /**
   * The member flow's spans of a person (migration MemberFlowCounts) are recomputed from the
   * person's periods in the association: a second writer of the same person's periods waits for
   * the first to commit (an advisory lock per association and person) and then sees its periods,
   * so the spans of both changes add up to the recount.
   */
  it('two writers of one person’s periods at the same time: the member flow still equals a recount', async () => {
    const p = await buildPerson(admin);
    await buildMembership(admin, { person_id: p.id, association_id: t.bunkyo.id, category: 'A' });
    const [first, second] = clients as [Client, Client];
    const leftPeriod = (c: Client, joined: string, left: string) =>
      buildMembership(c, {
        person_id: p.id,
        association_id: t.bunkyo.id,
        category: 'A',
        status: 'LEFT',
        joined_on: joined,
        left_on: left,
      });
    await first.query('BEGIN');
    await second.query('BEGIN');
    try {
      await leftPeriod(first, '2008-05-01', '2009-06-30');
      // blocks on the first writer's lock until it commits
      const waiting = leftPeriod(second, '2011-05-01', '2012-06-30');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      await waiting;
      await second.query('COMMIT');
    } catch (e) {
      await first.query('ROLLBACK').catch(() => undefined);
      await second.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    await expectMemberOrderMaintained(admin);
    const { rows } = await admin.query(
      `SELECT previous_year, fiscal_year, persons FROM membership.member_flow_span
        WHERE association_id = $1 ORDER BY fiscal_year, previous_year`,
      [t.bunkyo.id],
    );
    expect(rows).toEqual(expect.arrayContaining([{ previous_year: 2009, fiscal_year: 2011, persons: 1 }]));
  });
});
