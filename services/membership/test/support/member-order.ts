import type { Client } from 'pg';
import {
  MAINTAINED_ACTIVE_MEMBERS_SQL,
  RECOUNT_ACTIVE_MEMBERS_SQL,
  SORT_KEY_DRIFT_SQL,
} from '../../src/repositories/member-order.sql';

type Count = { associationId: string; category: string; members: number };
const sorted = (rows: Count[]) =>
  [...rows].sort((a, b) =>
    `${a.associationId}/${a.category}`.localeCompare(`${b.associationId}/${b.category}`),
  );

/**
 * The maintained member page order and counts (triggers of migration MemberPageOrder) equal a
 * recount: every membership period's kana sort key is its person's, and the ACTIVE periods per
 * association and category are what membership.active_member_count says. Returns the recount.
 */
export async function expectMemberOrderMaintained(admin: Client): Promise<Count[]> {
  const recount = (await admin.query<Count>(RECOUNT_ACTIVE_MEMBERS_SQL)).rows;
  const maintained = (await admin.query<Count>(MAINTAINED_ACTIVE_MEMBERS_SQL)).rows;
  expect(sorted(maintained)).toEqual(sorted(recount));
  expect((await admin.query(SORT_KEY_DRIFT_SQL)).rows).toEqual([]);
  return recount;
}
