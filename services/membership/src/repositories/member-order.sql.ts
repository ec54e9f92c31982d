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
    columns: 'association_id, category, prefecture_code, members',
    recount: `SELECT association_id, category, coalesce(person_prefecture_code, 0) AS prefecture_code, count(*)::int AS members
                FROM membership.membership WHERE status = 'ACTIVE' GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || category || '/' || prefecture_code`,
  },
  {
    table: 'membership.member_birth_count',
    columns: 'association_id, sex, birth_date, members',
    recount: `SELECT association_id, person_sex AS sex, person_birth_date AS birth_date, count(*)::int AS members
                FROM membership.membership WHERE status = 'ACTIVE' GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || sex || '/' || birth_date::text`,
  },
] as const;

/** The payment state of a dues invoice (Statistics.duesCollection's PAYMENT_STATUS). */
export const DUES_PAYMENT_STATUS_SQL = `CASE WHEN paid_yen >= amount_yen THEN 'PAID' WHEN paid_yen > 0 THEN 'PARTIAL' ELSE 'UNPAID' END`;

/**
 * A maintained summary's table, the columns of its recount, its recount (the rows it must hold, zero rows
 * left out), `key` joining a row's key columns with "/" and `value` its values (default: members).
 */
export interface MaintainedSummary {
  table: string;
  columns: string;
  recount: string;
  key: string;
  value?: string;
  /** The rows that count (default: members <> 0). */
  nonZero?: string;
}

/**
 * The maintained dues collection (migration DuesCollectionCounts) as its recount from the
 * invoices with something to pay, and as maintained.
 */
export const DUES_COLLECTION_SUMMARY: MaintainedSummary = {
  table: 'membership.dues_collection_count',
  columns: 'association_id, fiscal_year, payment_status, invoices, invoiced_yen, collected_yen',
  recount: `SELECT association_id, fiscal_year, ${DUES_PAYMENT_STATUS_SQL} AS payment_status, count(*)::int AS invoices,
                   sum(amount_yen)::bigint AS invoiced_yen, sum(least(paid_yen, amount_yen))::bigint AS collected_yen
              FROM membership.dues_invoice WHERE amount_yen > 0 GROUP BY 1, 2, 3`,
  key: `association_id::text || '/' || fiscal_year || '/' || payment_status`,
  value: `invoices || '/' || invoiced_yen || '/' || collected_yen`,
  nonZero: 'invoices <> 0 OR invoiced_yen <> 0 OR collected_yen <> 0',
};

/** The fiscal year (April–March) of a date column. */
export const fiscalYearSql = (col: string) =>
  `(extract(year FROM ${col})::int - CASE WHEN extract(month FROM ${col}) < 4 THEN 1 ELSE 0 END)`;

/** Every membership period's JOIN event and LEAVE event (if it has left), with its fiscal year. */
const FLOW_EVENTS_SQL = `
  SELECT association_id, person_id, ${fiscalYearSql('joined_on')} AS fiscal_year, 'JOIN' AS flow FROM membership.membership
  UNION ALL
  SELECT association_id, person_id, ${fiscalYearSql('left_on')}, 'LEAVE' FROM membership.membership WHERE left_on IS NOT NULL`;

/** The maintained member flow (migration MemberFlowCounts) as recounts from the periods. */
export const MEMBER_FLOW_SUMMARIES: readonly MaintainedSummary[] = [
  {
    table: 'membership.member_flow_count',
    columns: 'association_id, fiscal_year, flow, periods',
    recount: `SELECT association_id, fiscal_year, flow, count(*)::int AS periods FROM (${FLOW_EVENTS_SQL}) e GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || fiscal_year || '/' || flow`,
    value: 'periods',
    nonZero: 'periods <> 0',
  },
  {
    table: 'membership.member_flow_span',
    columns: 'association_id, fiscal_year, previous_year, persons',
    recount: `SELECT association_id, fiscal_year, previous_year, count(*)::int AS persons FROM (
                SELECT association_id, fiscal_year,
                       coalesce(lag(fiscal_year) OVER (PARTITION BY association_id, person_id ORDER BY fiscal_year), 0) AS previous_year
                  FROM (SELECT DISTINCT association_id, person_id, fiscal_year FROM (${FLOW_EVENTS_SQL}) e) y) s
               GROUP BY 1, 2, 3`,
    key: `association_id::text || '/' || fiscal_year || '/' || previous_year`,
    value: 'persons',
    nonZero: 'persons <> 0',
  },
];

/** Every maintained summary besides active_member_count, each with its recount. */
export const MAINTAINED_SUMMARIES: readonly MaintainedSummary[] = [
  ...MEMBER_PROFILE_SUMMARIES,
  DUES_COLLECTION_SUMMARY,
  ...MEMBER_FLOW_SUMMARIES,
];

/** A summary's recount and its maintained rows, each as { key, value } ordered by key. */
export const recountSql = (s: MaintainedSummary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, (${s.value ?? 'members'})::text AS value FROM (${s.recount}) r) x ORDER BY key COLLATE "C"`;
export const maintainedSql = (s: MaintainedSummary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, (${s.value ?? 'members'})::text AS value FROM ${s.table}
                   WHERE ${s.nonZero ?? 'members <> 0'}) x ORDER BY key COLLATE "C"`;

/** Replace the maintained counts and summaries by the recount (after a bulk load without triggers). */
export const REFRESH_ACTIVE_MEMBER_COUNTS_SQL = `
  DELETE FROM membership.active_member_count;
  INSERT INTO membership.active_member_count (association_id, category, members)
  SELECT association_id, category, count(*) FROM membership.membership WHERE status = 'ACTIVE'
   GROUP BY association_id, category;
  ${MAINTAINED_SUMMARIES.map(
    (s) => `DELETE FROM ${s.table};
  INSERT INTO ${s.table} (${s.columns}) ${s.recount};`,
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
