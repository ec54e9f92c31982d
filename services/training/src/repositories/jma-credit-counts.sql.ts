/**
 * What the maintained credit counts of the JMA's training-statistics population must equal
 * (migration JmaCreditCounts keeps them by trigger): the recount, used by the seed loader (its COPY
 * skips triggers), by erasure (it rewrites rows with their triggers off) and by the tests that
 * check the triggers. Base tables, read as the migration owner (the seed loader, the tests' admin
 * connection).
 */
import { inJmaPopulationSql } from './jma-certificate-counts.sql';

/** The units band of a positive sum `u` (TrainingStatisticsRepository's UNITS_BAND). */
const bandSql = (u: string) =>
  `CASE WHEN ${u} < 5 THEN '0.5-4.5' WHEN ${u} < 10 THEN '5-9.5' WHEN ${u} < 20 THEN '10-19.5' ELSE '20+' END`;

/**
 * The persons of the JMA's population now, each with the prefecture of their first (by code)
 * prefectural association they are an active member of, '(none)' without one (the scan's pop_pref).
 */
const POPULATION = `
  SELECT p.id AS person_id,
         coalesce((SELECT a.prefecture_code::text FROM membership.membership m
                     JOIN membership.association a ON a.id = m.association_id
                    WHERE m.person_id = p.id AND m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                    ORDER BY a.code LIMIT 1), '(none)') AS prefecture
    FROM (SELECT person_id AS id FROM membership.membership UNION SELECT person_id FROM training.attendance) p
   WHERE ${inJmaPopulationSql('p.id')}`;

/** The population's units per programme and fiscal year (of earned_on), with the prefecture. */
const UNITS = `
  SELECT c.program_code,
         extract(year FROM c.earned_on)::int - CASE WHEN extract(month FROM c.earned_on) < 4 THEN 1 ELSE 0 END
           AS fiscal_year,
         p.prefecture, sum(c.units) AS units
    FROM training.credit_entry c JOIN (${POPULATION}) p ON p.person_id = c.person_id
   GROUP BY c.person_id, 1, 2, 3`;

/** The two maintained tables, each with its recount and a key joining its dimensions. */
export const JMA_CREDIT_SUMMARIES = [
  {
    table: 'training.jma_population_count',
    columns: 'prefecture',
    count: 'persons',
    recount: `SELECT prefecture, count(*)::int AS persons FROM (${POPULATION}) p GROUP BY 1`,
    key: `prefecture`,
  },
  {
    table: 'training.jma_credit_count',
    columns: 'program_code, fiscal_year, units_band, prefecture',
    count: 'persons',
    recount: `SELECT program_code, fiscal_year, ${bandSql('units')} AS units_band, prefecture, count(*)::int AS persons
                FROM (${UNITS}) u WHERE units > 0 GROUP BY 1, 2, 3, 4`,
    key: `program_code || '/' || fiscal_year::text || '/' || units_band || '/' || prefecture`,
  },
] as const;

type Summary = (typeof JMA_CREDIT_SUMMARIES)[number];

/** A summary's recount and its maintained rows (non-zero), each as { key, n } ordered by key. */
export const jmaCreditRecountSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM (${s.recount}) r) x ORDER BY key COLLATE "C"`;
export const jmaCreditMaintainedSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM ${s.table} WHERE ${s.count} <> 0) x ORDER BY key COLLATE "C"`;

/** Replace the maintained counts by the recount (after a bulk load without triggers). */
export const REFRESH_JMA_CREDIT_COUNTS_SQL = JMA_CREDIT_SUMMARIES.map(
  (s) => `DELETE FROM ${s.table};
  INSERT INTO ${s.table} (${s.columns}, ${s.count}) ${s.recount};`,
).join('\n  ');
