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

/**
 * The maintained member statistics (migration MemberProfileCounts) as recounts from the ACTIVE
 * periods and their copied person attributes, and as maintained (non-zero rows), in one shape:
 * `key` joins a row's dimensions with "/".
 */
export const MEMBER_PROFILE_SUMMARIES = [
  {
    table: 'membership.member_prefecture_count',
    columns: 'association_id, category, prefecture_code',
    recount: `SELECT association_id, category, coalesce(person_prefecture_code, 0) AS prefecture_code, count(*)::int AS members
                FROM membership.membership WHERE status = 'ACTIVE' GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || category || '/' || prefecture_code`,
  },
  {
    table: 'membership.member_birth_count',
    columns: 'association_id, sex, birth_date',
    recount: `SELECT association_id, person_sex AS sex, person_birth_date AS birth_date, count(*)::int AS members
                FROM membership.membership WHERE status = 'ACTIVE' GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || sex || '/' || birth_date::text`,
  },
] as const;

/** A summary's recount and its maintained rows, each as { key, members } ordered by key. */
export const recountSql = (s: (typeof MEMBER_PROFILE_SUMMARIES)[number]) =>
  `SELECT * FROM (SELECT ${s.key} AS key, members FROM (${s.recount}) r) x ORDER BY key COLLATE "C"`;
export const maintainedSql = (s: (typeof MEMBER_PROFILE_SUMMARIES)[number]) =>
  `SELECT * FROM (SELECT ${s.key} AS key, members FROM ${s.table} WHERE members <> 0) x ORDER BY key COLLATE "C"`;

/** Replace the maintained counts by the recount (after a bulk load without triggers). */
export const REFRESH_ACTIVE_MEMBER_COUNTS_SQL = `
  DELETE FROM membership.active_member_count;
  INSERT INTO membership.active_member_count (association_id, category, members)
  SELECT association_id, category, count(*) FROM membership.membership WHERE status = 'ACTIVE'
   GROUP BY association_id, category;
  ${MEMBER_PROFILE_SUMMARIES.map(
    (s) => `DELETE FROM ${s.table};
  INSERT INTO ${s.table} (${s.columns}, members) ${s.recount};`,
  ).join('\n  ')}`;

/** The maintained counts (non-zero rows), in the recount's shape. */
export const MAINTAINED_ACTIVE_MEMBERS_SQL = `
  SELECT association_id::text AS "associationId", category, members
    FROM membership.active_member_count WHERE members <> 0`;

/** Membership periods whose copied person columns differ from their person's (must be none). */
export const SORT_KEY_DRIFT_SQL = `
  SELECT m.id::text AS id FROM membership.membership m JOIN membership.person p ON p.id = m.person_id
   WHERE m.family_name_kana IS DISTINCT FROM p.family_name_kana
      OR m.given_name_kana IS DISTINCT FROM p.given_name_kana
      OR m.person_sex IS DISTINCT FROM p.sex
      OR m.person_prefecture_code IS DISTINCT FROM p.prefecture_code
      OR m.person_birth_date IS DISTINCT FROM p.birth_date`;
