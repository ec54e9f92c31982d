import type { MigrationInterface, QueryRunner } from 'typeorm';

// The SQL below is this migration's snapshot; the recount the tests compare with is in
// src/repositories/jma-credit-counts.sql.ts.

/** The JMA programmes: everything but associations' own. */
const jmaProgram = (column: string) => `NOT (${column} = 'OWN' OR starts_with(${column}, 'OWN_'))`;

/** The person `column` is a current member of the national association. */
const jmaMember = (column: string) =>
  `EXISTS (SELECT 1 FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
            WHERE m.person_id = ${column} AND m.status = 'ACTIVE' AND a.tier = 'NATIONAL' OFFSET 0)`;

/** The person `column` has attendance (not cancelled) in a JMA programme. */
const jmaParticipant = (column: string) =>
  `EXISTS (SELECT 1 FROM training.attendance t JOIN training.training_session s ON s.id = t.session_id
            WHERE t.person_id = ${column} AND t.status <> 'CANCELLED' AND ${jmaProgram('s.program_code')} OFFSET 0)`;

// OFFSET 0 in each: a probe of the person's own rows; without it PostgreSQL may hash the whole set
// (every JMA membership, ~190k) to answer for the few persons a statement wrote
// (infra/db/summary-trigger-plans.integration.spec.ts).
const inPopulation = (column: string) => `(${jmaMember(column)} OR ${jmaParticipant(column)})`;

/**
 * The prefecture of the person `column` from the membership rows `rows` (a FROM item with
 * person_id, association_id, status): the one of the first (by code) prefectural association they
 * are an active member of, '(none)' without one — as the statistics scan's pop_pref.
 */
const prefectureOf = (column: string, rows = 'membership.membership') =>
  `coalesce((SELECT a.prefecture_code::text FROM ${rows} m JOIN membership.association a ON a.id = m.association_id
             WHERE m.person_id = ${column} AND m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
             ORDER BY a.code LIMIT 1), '(none)')`;

/** The fiscal year (April–March) of the date `column`. */
const fiscalYearOf = (column: string) =>
  `(extract(year FROM ${column})::int - CASE WHEN extract(month FROM ${column}) < 4 THEN 1 ELSE 0 END)`;

/** The units band of a positive sum of units `u` (the scan's UNITS_BAND; '0' is never stored). */
const band = (u: string) =>
  `CASE WHEN ${u} < 5 THEN '0.5-4.5' WHEN ${u} < 10 THEN '5-9.5' WHEN ${u} < 20 THEN '10-19.5' ELSE '20+' END`;

/** Add the deltas `rows` (prefecture, d) to the population per prefecture. */
const addPersons = (rows: string) => `
  INSERT INTO training.jma_population_count AS c (prefecture, persons)
  SELECT prefecture, sum(d) FROM (${rows}) x GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
  ON CONFLICT (prefecture) DO UPDATE SET persons = c.persons + EXCLUDED.persons;`;

/** Add the deltas `rows` (program_code, fiscal_year, units, prefecture, d) to the persons with units. */
const addUnits = (rows: string) => `
  INSERT INTO training.jma_credit_count AS c (program_code, fiscal_year, units_band, prefecture, persons)
  SELECT program_code, fiscal_year, ${band('units')}, prefecture, sum(d) FROM (${rows}) x
   WHERE units > 0 GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (program_code, fiscal_year, units_band, prefecture) DO UPDATE SET persons = c.persons + EXCLUDED.persons;`;

/**
 * The units per (person, programme, fiscal year) of the persons `persons` (a FROM item with
 * person_id, prefecture, aliased p) from the credit ledger, with the person's prefecture.
 */
const unitsOf = (persons: string) => `
  SELECT c.program_code, ${fiscalYearOf('c.earned_on')} AS fiscal_year, sum(c.units) AS units, p.prefecture
    FROM training.credit_entry c JOIN ${persons} ON p.person_id = c.person_id
   GROUP BY c.person_id, p.prefecture, 1, 2`;

/**
 * A trigger body run as SYSTEM: its reads of the base tables (row security is forced, also on
 * their owner) must see every row whatever the writer's viewer is; the setting is put back after.
 * The counts are the only thing it writes.
 */
const asSystem = (body: string, declare = '') => `
  DECLARE viewer text := current_setting('mamis.viewer_kind', true);${declare}
  BEGIN
    PERFORM set_config('mamis.viewer_kind', 'SYSTEM', true);
    ${body}
    PERFORM set_config('mamis.viewer_kind', coalesce(viewer, ''), true);
    RETURN NULL;
  END`;

type Op = 'INSERT' | 'UPDATE' | 'DELETE';
const OPS: Op[] = ['INSERT', 'UPDATE', 'DELETE'];
const hasNew = (op: Op) => op !== 'DELETE';
const hasOld = (op: Op) => op !== 'INSERT';

/**
 * The rows of one statement with +1 (new) / -1 (old); for an UPDATE only those whose `columns`
 * changed (an update of anything else changes no count).
 */
const changedRows = (op: Op, columns: string) => {
  const select = ['id', ...columns.split(', ')].map((c) => `r.${c}`).join(', ');
  if (op === 'INSERT') return `SELECT ${select}, 1 AS d FROM new_rows r`;
  if (op === 'DELETE') return `SELECT ${select}, -1 AS d FROM old_rows r`;
  const same = (other: string) =>
    `EXISTS (SELECT 1 FROM ${other} o WHERE o.id = r.id AND (${columns
      .split(', ')
      .map((c) => `o.${c}`)
      .join(', ')}) IS NOT DISTINCT FROM (${columns
      .split(', ')
      .map((c) => `r.${c}`)
      .join(', ')}))`;
  return `SELECT ${select}, 1 AS d FROM new_rows r WHERE NOT ${same('old_rows')}
          UNION ALL SELECT ${select}, -1 AS d FROM old_rows r WHERE NOT ${same('new_rows')}`;
};

/**
 * The rows of `table` as they were before the statement, for the persons of `persons` (a CTE with
 * person_id): today's rows but those the statement wrote, plus those it replaced (set-based).
 */
const rowsBefore = (op: Op, table: string, columns: string, persons: string) =>
  [
    `SELECT ${columns} FROM ${table} r WHERE r.person_id IN (SELECT person_id FROM ${persons})${
      hasNew(op) ? ' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = r.id)' : ''
    }`,
    ...(hasOld(op)
      ? [`SELECT ${columns} FROM old_rows r WHERE r.person_id IN (SELECT person_id FROM ${persons})`]
      : []),
  ].join(' UNION ALL ');

/**
 * One writer per person at a time (a transaction advisory lock per person of the statement's rows
 * `rows`, in order): every branch reads the person's units, population and prefecture after taking
 * it, so a second writer waits for the first to commit and then counts from what it committed
 * (each query of a trigger function takes a new snapshot under READ COMMITTED); without it, two
 * entries of one person recorded at once would both count the person as new in a band.
 */
const lockPersons = (rows: string) => `
    PERFORM pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtextextended('jma_credit_counts:' || person_id::text, 0) AS k FROM (${rows}) x ORDER BY 1) l;`;

/**
 * Per statement on training.credit_entry (append-only; a reversal is a new entry): for each
 * changed (person in the population, programme, fiscal year), the units now and before the
 * statement (now minus what the statement added), each moved into its band.
 */
const creditBranch = (op: Op) => `${lockPersons(changedRows(op, 'person_id, program_code, earned_on, units'))}
    WITH changed AS (${changedRows(op, 'person_id, program_code, earned_on, units')}),
         keys AS (
           SELECT person_id, program_code, ${fiscalYearOf('earned_on')} AS fiscal_year, sum(d * units) AS added
             FROM changed GROUP BY 1, 2, 3),
         pop AS (
           SELECT k.person_id, ${prefectureOf('k.person_id')} AS prefecture
             FROM (SELECT DISTINCT person_id FROM keys) k WHERE ${inPopulation('k.person_id')}),
         now AS (
           SELECT k.program_code, k.fiscal_year, k.added, p.prefecture,
                  coalesce((SELECT sum(c.units) FROM training.credit_entry c
                             WHERE c.person_id = k.person_id AND c.program_code = k.program_code
                               AND c.earned_on >= make_date(k.fiscal_year, 4, 1)
                               AND c.earned_on < make_date(k.fiscal_year + 1, 4, 1)), 0) AS units
             FROM keys k JOIN pop p ON p.person_id = k.person_id)
    ${addUnits(`SELECT program_code, fiscal_year, units, prefecture, 1 AS d FROM now
                 UNION ALL SELECT program_code, fiscal_year, units - added, prefecture, -1 AS d FROM now`)}`;

/**
 * Per statement on a table that decides who is in the population or their prefecture
 * (attendance, membership): the persons whose rows' `columns` changed (and `relevant`), in the
 * population before the statement — by the other table (`other`, unchanged) or by this table's rows
 * before it (`wasIn`: the persons of `before` whose rows put them in) — with their prefecture then
 * (`prefectureBefore`), and now. A person whose membership of the population or prefecture changed
 * takes their old contribution away and adds the new one.
 */
const populationBranch = (
  op: Op,
  table: string,
  columns: string,
  relevant: string,
  other: (column: string) => string,
  wasIn: string,
  prefectureBefore: (column: string) => string,
) => `${lockPersons(`SELECT person_id FROM (${changedRows(op, columns)}) x WHERE ${relevant}`)}
    WITH persons AS (SELECT DISTINCT person_id FROM (${changedRows(op, columns)}) x WHERE ${relevant}),
         before AS (${rowsBefore(op, table, ['id', ...columns.split(', ')].map((c) => `r.${c}`).join(', '), 'persons')}),
         was_in AS (${wasIn}),
         f AS (SELECT p.person_id, ${inPopulation('p.person_id')} AS now, ${prefectureOf('p.person_id')} AS pref_now,
                      (${other('p.person_id')} OR p.person_id IN (SELECT person_id FROM was_in)) AS was,
                      ${prefectureBefore('p.person_id')} AS pref_was
                 FROM persons p)
    SELECT array_agg(person_id) FILTER (WHERE was AND (NOT now OR pref_was <> pref_now)),
           array_agg(pref_was) FILTER (WHERE was AND (NOT now OR pref_was <> pref_now)),
           array_agg(person_id) FILTER (WHERE now AND (NOT was OR pref_was <> pref_now)),
           array_agg(pref_now) FILTER (WHERE now AND (NOT was OR pref_was <> pref_now))
      INTO leaving, leaving_pref, entering, entering_pref
      FROM f;
    IF leaving IS NOT NULL THEN PERFORM training.jma_credit_counts_add(leaving, leaving_pref, -1); END IF;
    IF entering IS NOT NULL THEN PERFORM training.jma_credit_counts_add(entering, entering_pref, 1); END IF;`;

const attendanceBranch = (op: Op) =>
  populationBranch(
    op,
    'training.attendance',
    'person_id, session_id, status',
    'true',
    jmaMember,
    `SELECT b.person_id FROM before b JOIN training.training_session s ON s.id = b.session_id
      WHERE b.status <> 'CANCELLED' AND ${jmaProgram('s.program_code')}`,
    (column) => prefectureOf(column),
  );

const membershipBranch = (op: Op) =>
  populationBranch(
    op,
    'membership.membership',
    'person_id, association_id, status',
    `EXISTS (SELECT 1 FROM membership.association a
              WHERE a.id = x.association_id AND a.tier IN ('NATIONAL', 'PREFECTURAL'))`,
    jmaParticipant,
    `SELECT b.person_id FROM before b JOIN membership.association a ON a.id = b.association_id
      WHERE b.status = 'ACTIVE' AND a.tier = 'NATIONAL'`,
    (column) => prefectureOf(column, 'before'),
  );

/** Statements of more rows than this recount instead of applying deltas (as JmaCertificateCounts). */
const BULK_ROWS = 500;

/**
 * A statement trigger function: recount on TRUNCATE and after a bulk statement, else the branch of
 * the operation.
 */
const triggerFunction = (name: string, declare: string, branch: (op: Op) => string) => `
  CREATE FUNCTION training.${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp AS $$
  ${asSystem(
    `
    IF TG_OP = 'TRUNCATE' THEN
      PERFORM training.jma_credit_counts_refresh();
    ${OPS.map(
      (op) => `ELSIF TG_OP = '${op}' THEN
      IF (SELECT count(*) FROM ${hasNew(op) ? 'new_rows' : 'old_rows'}) > ${BULK_ROWS} THEN
        PERFORM training.jma_credit_counts_refresh();
      ELSE${branch(op)}
      END IF;`,
    ).join('\n    ')}
    END IF;`,
    declare,
  )}
  $$`;

const POPULATION_DECLARE = ' entering uuid[]; entering_pref text[]; leaving uuid[]; leaving_pref text[];';

/** The triggers: [table, function]. */
const TRIGGERS = [
  ['training.credit_entry', 'jma_credit_counts_credit'],
  ['training.attendance', 'jma_credit_counts_attendance'],
  ['membership.membership', 'jma_credit_counts_membership'],
] as const;

/**
 * Updates that recount (no write path makes them; rare): [function, columns, table] — a session's
 * programme (JMA or own), an association's code (which prefecture comes first), tier or prefecture.
 */
const RECOUNTS = [
  ['jma_credit_counts_session', ['program_code'], 'training.training_session'],
  ['jma_credit_counts_association', ['code', 'tier', 'prefecture_code'], 'membership.association'],
] as const;

/** The population now with each person's prefecture (set-based), as the refresh's FROM item. */
const POPULATION = `(
  SELECT p.person_id, coalesce(pp.prefecture, '(none)') AS prefecture
    FROM (SELECT m.person_id FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
           WHERE m.status = 'ACTIVE' AND a.tier = 'NATIONAL'
          UNION
          SELECT t.person_id FROM training.attendance t JOIN training.training_session s ON s.id = t.session_id
           WHERE t.status <> 'CANCELLED' AND ${jmaProgram('s.program_code')}) p
    LEFT JOIN (SELECT DISTINCT ON (m.person_id) m.person_id, a.prefecture_code::text AS prefecture
                 FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
                WHERE m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                ORDER BY m.person_id, a.code) pp ON pp.person_id = p.person_id)`;

export class JmaCreditCounts1796720000000 implements MigrationInterface {
  name = 'JmaCreditCounts1796720000000';

  /**
   * Maintained credit statistics of the JMA's training-statistics population (its current members
   * and the JMA-programme participants: the training exception), so that the JMA's trainingCredits
   * read a few hundred count rows instead of building the population and summing its ledger:
   * - jma_population_count (prefecture): the population per prefecture (of the person's first
   *   prefectural association by code, '(none)' without one);
   * - jma_credit_count (programme, fiscal year, units band, prefecture): the persons of the
   *   population whose units of the programme in the fiscal year sum above zero, by band; band '0'
   *   of a prefecture is its population minus these.
   * Neither depends on the day: membership status and attendance status are stored (no day turns
   * them), and a credit's fiscal year is the one of its earned_on.
   * Kept in the same transaction as the writes, by statement triggers with transition tables on
   * training.credit_entry (the changed persons' units per programme and fiscal year, now and before
   * the statement), training.attendance and membership.membership (a person who enters or leaves
   * the population, or changes prefecture, moves their whole contribution), one writer per person
   * at a time (a transaction advisory lock, taken before the person is read). SECURITY DEFINER
   * functions read as SYSTEM (as JmaCertificateCounts). TRUNCATE, a bulk statement (BULK_ROWS), a
   * session's programme change and an association's code, tier or prefecture change recount. The
   * seed loader (COPY with triggers off) and erasure recount after their writes
   * (REFRESH_JMA_CREDIT_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jma_population_count" ("prefecture" text NOT NULL, "persons" integer NOT NULL, CONSTRAINT "PK_jma_population_count" PRIMARY KEY ("prefecture"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "jma_credit_count" ("program_code" text NOT NULL, "fiscal_year" integer NOT NULL, "units_band" text NOT NULL, "prefecture" text NOT NULL, "persons" integer NOT NULL, CONSTRAINT "PK_jma_credit_count" PRIMARY KEY ("program_code", "fiscal_year", "units_band", "prefecture"))`,
    );
    await queryRunner.query(`
      CREATE FUNCTION training.jma_credit_counts_add(persons uuid[], prefectures text[], delta integer) RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        ${addPersons('SELECT prefecture, delta AS d FROM unnest(persons, prefectures) p(person_id, prefecture)')}
        ${addUnits(
          `SELECT program_code, fiscal_year, units, prefecture, delta AS d FROM (${unitsOf(
            'unnest(persons, prefectures) p(person_id, prefecture)',
          )}) u`,
        )}
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION training.jma_credit_counts_refresh() RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        DELETE FROM training.jma_population_count;
        DELETE FROM training.jma_credit_count;
        WITH pop AS MATERIALIZED (SELECT * FROM ${POPULATION} p),
             persons AS (
               INSERT INTO training.jma_population_count (prefecture, persons)
               SELECT prefecture, count(*) FROM pop GROUP BY 1 ORDER BY 1 RETURNING 1)
        INSERT INTO training.jma_credit_count (program_code, fiscal_year, units_band, prefecture, persons)
        SELECT program_code, fiscal_year, ${band('units')}, prefecture, count(*) FROM (${unitsOf('pop p')}) u
         WHERE units > 0 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
      $$`);
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION training.jma_credit_counts_add(uuid[], text[], integer) FROM PUBLIC`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION training.jma_credit_counts_refresh() FROM PUBLIC`);
    await queryRunner.query(triggerFunction('jma_credit_counts_credit', '', creditBranch));
    await queryRunner.query(
      triggerFunction('jma_credit_counts_attendance', POPULATION_DECLARE, attendanceBranch),
    );
    await queryRunner.query(
      triggerFunction('jma_credit_counts_membership', POPULATION_DECLARE, membershipBranch),
    );
    for (const [fn, columns] of RECOUNTS)
      await queryRunner.query(`
        CREATE FUNCTION training.${fn}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
          SET search_path = pg_catalog, pg_temp AS $$
        ${asSystem(`
          IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                      WHERE (${columns.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `n.${c}`).join(', ')})) THEN
            PERFORM training.jma_credit_counts_refresh();
          END IF;`)}
        $$`);

    for (const [table, fn] of TRIGGERS) {
      await queryRunner.query(`
        CREATE TRIGGER "jma_credit_counts_insert" AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_credit_counts_update" AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_credit_counts_delete" AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_credit_counts_truncate" AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
    }
    for (const [fn, , table] of RECOUNTS)
      await queryRunner.query(`
        CREATE TRIGGER "jma_credit_counts_recount" AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);

    // backfill as a SYSTEM viewer (row security is forced on the owner too)
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(`SELECT training.jma_credit_counts_refresh()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [fn, , table] of RECOUNTS) {
      await queryRunner.query(`DROP TRIGGER "jma_credit_counts_recount" ON ${table}`);
      await queryRunner.query(`DROP FUNCTION training.${fn}()`);
    }
    for (const [table] of TRIGGERS)
      for (const t of ['insert', 'update', 'delete', 'truncate'])
        await queryRunner.query(`DROP TRIGGER "jma_credit_counts_${t}" ON ${table}`);
    for (const fn of ['credit', 'attendance', 'membership'])
      await queryRunner.query(`DROP FUNCTION training.jma_credit_counts_${fn}()`);
    await queryRunner.query(`DROP FUNCTION training.jma_credit_counts_refresh()`);
    await queryRunner.query(`DROP FUNCTION training.jma_credit_counts_add(uuid[], text[], integer)`);
    await queryRunner.query(`DROP TABLE "jma_credit_count"`);
    await queryRunner.query(`DROP TABLE "jma_population_count"`);
  }
}
