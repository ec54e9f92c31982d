/**
 * What the maintained certificate counts of the JMA's training-statistics population must equal
 * (migration JmaCertificateCounts keeps them by trigger): the recount, used by the seed loader (its
 * COPY skips triggers) and by the tests that check the triggers. Base tables, read as the
 * migration owner (the seed loader, the tests' admin connection).
 */

/** The JMA programmes: everything but associations' own (as access.attendance_v1's jma_program). */
const jmaProgramSql = (column: string) => `NOT (${column} = 'OWN' OR starts_with(${column}, 'OWN_'))`;

/**
 * Whether the person `column` is in the JMA's training-statistics population today: a current
 * member of the national association, or with attendance (not cancelled) in a JMA programme — the
 * population the statistics scan builds for the JMA (TrainingStatisticsRepository's POPULATION).
 */
export const inJmaPopulationSql = (column: string) => `(
  EXISTS (SELECT 1 FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
           WHERE m.person_id = ${column} AND m.status = 'ACTIVE' AND a.tier = 'NATIONAL')
  OR EXISTS (SELECT 1 FROM training.attendance t JOIN training.training_session s ON s.id = t.session_id
              WHERE t.person_id = ${column} AND t.status <> 'CANCELLED' AND ${jmaProgramSql('s.program_code')}))`;

/**
 * A person's holding periods per programme from certificate rows `src` (a FROM item with person_id,
 * program_code, valid_from, valid_to): overlapping or adjacent validity merged (gaps and islands);
 * a certificate valid on no day (valid_to before valid_from) is left out. Each person holds a
 * programme on a day iff exactly one of their periods of it contains the day.
 */
export const holdingPeriodsSql = (src: string) => `
  SELECT person_id, program_code, min(valid_from) AS valid_from, max(valid_to) AS valid_to
    FROM (SELECT *, count(*) FILTER (WHERE starts) OVER (PARTITION BY person_id, program_code
                     ORDER BY valid_from, valid_to ROWS UNBOUNDED PRECEDING) AS period
            FROM (SELECT person_id, program_code, valid_from, valid_to,
                         coalesce(valid_from > max(valid_to) OVER (PARTITION BY person_id, program_code
                           ORDER BY valid_from, valid_to ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1,
                           true) AS starts
                    FROM (${src}) src WHERE valid_from <= valid_to) w) p
   GROUP BY person_id, program_code, period`;

/** The certificates of the JMA's population now. */
const POPULATION_CERTIFICATES = `
  SELECT c.person_id, c.program_code, c.valid_from, c.valid_to FROM training.certificate c
   WHERE ${inJmaPopulationSql('c.person_id')}`;

/** The two maintained tables, each with its recount and a key joining its dimensions. */
export const JMA_CERTIFICATE_SUMMARIES = [
  {
    table: 'training.jma_holding_count',
    columns: 'program_code, valid_from, valid_to',
    count: 'holders',
    recount: `SELECT program_code, valid_from, valid_to, count(*)::int AS holders
                FROM (${holdingPeriodsSql(POPULATION_CERTIFICATES)}) h GROUP BY 1, 2, 3`,
    key: `program_code || '/' || valid_from::text || '/' || valid_to::text`,
  },
  {
    table: 'training.jma_expiry_count',
    columns: 'program_code, valid_to',
    count: 'certificates',
    recount: `SELECT program_code, valid_to, count(*)::int AS certificates
                FROM (${POPULATION_CERTIFICATES}) c GROUP BY 1, 2`,
    key: `program_code || '/' || valid_to::text`,
  },
] as const;

type Summary = (typeof JMA_CERTIFICATE_SUMMARIES)[number];

/** A summary's recount and its maintained rows (non-zero), each as { key, n } ordered by key. */
export const jmaRecountSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM (${s.recount}) r) x ORDER BY key COLLATE "C"`;
export const jmaMaintainedSql = (s: Summary) =>
  `SELECT * FROM (SELECT ${s.key} AS key, ${s.count} AS n FROM ${s.table} WHERE ${s.count} <> 0) x ORDER BY key COLLATE "C"`;

/** Replace the maintained counts by the recount (after a bulk load without triggers). */
export const REFRESH_JMA_CERTIFICATE_COUNTS_SQL = JMA_CERTIFICATE_SUMMARIES.map(
  (s) => `DELETE FROM ${s.table};
  INSERT INTO ${s.table} (${s.columns}, ${s.count}) ${s.recount};`,
).join('\n  ');
