import { INSURED_CATEGORIES } from '../domain/insurance-rules';

/**
 * What the maintained insurance counts of the JMA's population must equal (migration
 * JmaInsuranceCounts keeps them by trigger): the recount, used by the seed loader (its COPY skips
 * triggers), by erasure (it recounts after its scrub) and by the tests that check the triggers.
 * Base tables, read as the migration owner (the seed loader, the tests' admin connection).
 *
 * The population is the one InsuranceStatisticsRepository's scan builds for the JMA: its current
 * members (an ACTIVE national membership) in an insured category, each with the prefecture of
 * their prefectural association (the ACTIVE prefectural membership of the lowest association code;
 * '(none)' without one). Nothing in it depends on the day: ACTIVE is a stored status, changed only
 * by writes (which fire the triggers).
 */

const INSURED = `ARRAY[${INSURED_CATEGORIES.map((c) => `'${c}'`).join(', ')}]::text[]`;

/** The JMA's insured population now, with each person's prefecture (person_id, prefecture). */
export const JMA_INSURED_POPULATION_SQL = `
  SELECT p.person_id, coalesce(pref.prefecture, '(none)') AS prefecture
    FROM (SELECT DISTINCT m.person_id FROM membership.membership m
            JOIN membership.association a ON a.id = m.association_id
           WHERE m.status = 'ACTIVE' AND a.tier = 'NATIONAL' AND m.category = ANY (${INSURED})) p
    LEFT JOIN (SELECT DISTINCT ON (m.person_id) m.person_id, a.prefecture_code::text AS prefecture
                 FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
                WHERE m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                ORDER BY m.person_id, a.code) pref ON pref.person_id = p.person_id`;

/** The two maintained tables, each with its recount and a key joining its dimensions. */
export const JMA_INSURANCE_SUMMARIES = [
  {
    table: 'insurance_pension.jma_insured_count',
    columns: 'prefecture',
    count: 'members',
    recount: `SELECT prefecture, count(*)::int AS members FROM (${JMA_INSURED_POPULATION_SQL}) p GROUP BY 1`,
    key: `prefecture`,
  },
  {
    table: 'insurance_pension.jma_enrolled_count',
    columns: 'insurance_year, prefecture',
    count: 'members',
    recount: `SELECT e.insurance_year, p.prefecture, count(*)::int AS members
                FROM (${JMA_INSURED_POPULATION_SQL}) p
                JOIN insurance_pension.insurance_enrolment e ON e.person_id = p.person_id AND e.status = 'ENROLLED'
               GROUP BY 1, 2`,
    key: `insurance_year::text || '/' || prefecture`,
  },
] as const;

type Summary = (typeof JMA_INSURANCE_SUMMARIES)[number];

/** A summary's recount and its maintained rows (non-zero), each as { key, n } ordered by key. */
export const jmaInsuranceRecountSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM (${s.recount}) r) x ORDER BY key COLLATE "C"`;
export const jmaInsuranceMaintainedSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM ${s.table} WHERE ${s.count} <> 0) x ORDER BY key COLLATE "C"`;

/** Replace the maintained counts by the recount (after a bulk load without triggers). */
export const REFRESH_JMA_INSURANCE_COUNTS_SQL = JMA_INSURANCE_SUMMARIES.map(
  (s) => `DELETE FROM ${s.table};
  INSERT INTO ${s.table} (${s.columns}, ${s.count}) ${s.recount};`,
).join('\n  ');
