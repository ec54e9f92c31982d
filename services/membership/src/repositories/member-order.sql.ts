/**
 * What the maintained member page order and member counts must equal (migration MemberPageOrder
 * keeps them by trigger): the recount, used by the seed loader (its COPY skips triggers) and by
 * the tests that check the triggers.
 */

/** ACTIVE periods per association and category, counted from membership.membership. */
export const RECOUNT_ACTIVE_MEMBERS_SQL = `
  SELECT association_id::text AS "associationId", category, count(*)::int AS members
    FROM membership.membership WHERE status = 'ACTIVE'
   GROUP BY association_id, category`;

/** Replace membership.active_member_count by the recount (after a bulk load without triggers). */
export const REFRESH_ACTIVE_MEMBER_COUNTS_SQL = `
  DELETE FROM membership.active_member_count;
  INSERT INTO membership.active_member_count (association_id, category, members)
  SELECT association_id, category, count(*) FROM membership.membership WHERE status = 'ACTIVE'
   GROUP BY association_id, category`;

/** The maintained counts (non-zero rows), in the recount's shape. */
export const MAINTAINED_ACTIVE_MEMBERS_SQL = `
  SELECT association_id::text AS "associationId", category, members
    FROM membership.active_member_count WHERE members <> 0`;

/** Membership periods whose sort key differs from their person's kana name (must be none). */
export const SORT_KEY_DRIFT_SQL = `
  SELECT m.id::text AS id FROM membership.membership m JOIN membership.person p ON p.id = m.person_id
   WHERE m.family_name_kana IS DISTINCT FROM p.family_name_kana
      OR m.given_name_kana IS DISTINCT FROM p.given_name_kana`;
