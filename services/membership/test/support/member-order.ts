import type { Client } from 'pg';
import {
  maintainedSql,
  MAINTAINED_SUMMARIES,
  recountSql,
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
 * recount: every membership period's kana sort key and copied attributes are its person's, the
 * ACTIVE periods per association and category are what membership.active_member_count says, and
 * the member statistics by prefecture and by sex and birth date and the dues collection per fiscal
 * year and payment state equal their recounts. Returns the recount of the first.
 */
export async function expectMemberOrderMaintained(admin: Client): Promise<Count[]> {
  const recount = (await admin.query<Count>(RECOUNT_ACTIVE_MEMBERS_SQL)).rows;
  const maintained = (await admin.query<Count>(MAINTAINED_ACTIVE_MEMBERS_SQL)).rows;
  expect(sorted(maintained)).toEqual(sorted(recount));
  expect((await admin.query(SORT_KEY_DRIFT_SQL)).rows).toEqual([]);
  // the member statistics by prefecture and by sex and birth date (migration MemberProfileCounts),
  // the dues collection (migration DuesCollectionCounts)
  for (const s of MAINTAINED_SUMMARIES)
    expect({ [s.table]: (await admin.query(maintainedSql(s))).rows }).toEqual({
      [s.table]: (await admin.query(recountSql(s))).rows,
    });
  return recount;
}
