import type { MigrationInterface, QueryRunner } from 'typeorm';

// The SQL below is this migration's snapshot; the recount the tests compare with is in
// src/repositories/jma-certificate-counts.sql.ts.

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

/** Holding periods per person and programme of the certificate rows `src` (gaps and islands). */
const periods = (src: string) => `
  SELECT program_code, valid_from, valid_to
    FROM (SELECT person_id, program_code, min(valid_from) AS valid_from, max(valid_to) AS valid_to
            FROM (SELECT *, count(*) FILTER (WHERE starts) OVER (PARTITION BY person_id, program_code
                             ORDER BY valid_from, valid_to ROWS UNBOUNDED PRECEDING) AS period
                    FROM (SELECT person_id, program_code, valid_from, valid_to,
                                 coalesce(valid_from > max(valid_to) OVER (PARTITION BY person_id, program_code
                                   ORDER BY valid_from, valid_to ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1,
                                   true) AS starts
                            FROM (${src}) src WHERE valid_from <= valid_to) w) p
           GROUP BY person_id, program_code, period) h`;

/** Add the deltas `rows` (program_code, valid_from, valid_to, d) to the holders. */
const addHolders = (rows: string) => `
  INSERT INTO training.jma_holding_count AS c (program_code, valid_from, valid_to, holders)
  SELECT program_code, valid_from, valid_to, sum(d) FROM (${rows}) x
   GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (program_code, valid_from, valid_to) DO UPDATE SET holders = c.holders + EXCLUDED.holders;`;

/** Add the deltas `rows` (program_code, valid_to, d) to the certificates by expiry day. */
const addExpiries = (rows: string) => `
  INSERT INTO training.jma_expiry_count AS c (program_code, valid_to, certificates)
  SELECT program_code, valid_to, sum(d) FROM (${rows}) x
   GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
  ON CONFLICT (program_code, valid_to) DO UPDATE SET certificates = c.certificates + EXCLUDED.certificates;`;

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
 * person_id): today's rows but those the statement wrote, plus those it replaced. Set-based (anti
 * and semi joins, no NOT IN: a statement of 100k rows must not compare every row with every row).
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

/** Per statement on training.certificate: the changed persons' periods and expiries. */
const certificateBranch = (op: Op) => {
  const columns = 'person_id, program_code, valid_from, valid_to';
  const changed = changedRows(op, columns);
  const pairs = `pairs AS (
    SELECT DISTINCT person_id, program_code FROM (${changed}) x WHERE ${inPopulation('x.person_id')})`;
  const of = (rows: string) =>
    `SELECT r.person_id, r.program_code, r.valid_from, r.valid_to FROM (${rows}) r
      WHERE (r.person_id, r.program_code) IN (SELECT person_id, program_code FROM pairs)`;
  return `${addHolders(`
      WITH ${pairs}
      SELECT program_code, valid_from, valid_to, 1 AS d FROM (${periods(of('SELECT * FROM training.certificate'))}) a
      UNION ALL
      SELECT program_code, valid_from, valid_to, -1 AS d FROM (${periods(
        of(rowsBefore(op, 'training.certificate', `r.id, ${columns}`, 'pairs')),
      )}) b`)}
    ${addExpiries(`SELECT program_code, valid_to, d FROM (${changed}) x WHERE ${inPopulation('x.person_id')}`)}`;
};

/**
 * Per statement on a table that decides who is in the population (attendance, membership): the
 * persons with certificates whose rows' `columns` changed (and `relevant`), in the population
 * before the statement — by the other table (`other`, unchanged) or by this table's rows before it
 * (`wasIn`: the persons of `before` whose rows put them in) — and after it; those who came in add
 * all their certificates, those who left take them away.
 */
const populationBranch = (
  op: Op,
  table: string,
  columns: string,
  relevant: string,
  other: (column: string) => string,
  wasIn: string,
) => `
    WITH persons AS (
           SELECT DISTINCT person_id FROM (${changedRows(op, columns)}) x
            WHERE ${relevant} AND EXISTS (SELECT 1 FROM training.certificate c WHERE c.person_id = x.person_id OFFSET 0)),
         before AS (${rowsBefore(op, table, ['id', ...columns.split(', ')].map((c) => `r.${c}`).join(', '), 'persons')}),
         was_in AS (${wasIn})
    SELECT array_agg(person_id) FILTER (WHERE now AND NOT was), array_agg(person_id) FILTER (WHERE was AND NOT now)
      INTO entering, leaving
      FROM (SELECT p.person_id, ${inPopulation('p.person_id')} AS now,
                   (${other('p.person_id')} OR p.person_id IN (SELECT person_id FROM was_in)) AS was
              FROM persons p) f;
    IF entering IS NOT NULL THEN PERFORM training.jma_certificate_counts_add(entering, 1); END IF;
    IF leaving IS NOT NULL THEN PERFORM training.jma_certificate_counts_add(leaving, -1); END IF;`;

const attendanceBranch = (op: Op) =>
  populationBranch(
    op,
    'training.attendance',
    'person_id, session_id, status',
    'true',
    jmaMember,
    `SELECT b.person_id FROM before b JOIN training.training_session s ON s.id = b.session_id
      WHERE b.status <> 'CANCELLED' AND ${jmaProgram('s.program_code')}`,
  );

const membershipBranch = (op: Op) =>
  populationBranch(
    op,
    'membership.membership',
    'person_id, association_id, status',
    `EXISTS (SELECT 1 FROM membership.association a WHERE a.id = x.association_id AND a.tier = 'NATIONAL')`,
    jmaParticipant,
    `SELECT b.person_id FROM before b JOIN membership.association a ON a.id = b.association_id
      WHERE b.status = 'ACTIVE' AND a.tier = 'NATIONAL'`,
  );

/**
 * Statements of more rows than this recount instead of applying deltas: transition tables have no
 * statistics, so the planner may join them row by row, which is quadratic in a statement's rows
 * (a bulk insert of 100k certificates did not finish in 15 minutes); the recount is set-based over
 * the base tables (a few seconds at full scale). The application writes a handful of rows at a time.
 */
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
      PERFORM training.jma_certificate_counts_refresh();
    ${OPS.map(
      (op) => `ELSIF TG_OP = '${op}' THEN
      IF (SELECT count(*) FROM ${hasNew(op) ? 'new_rows' : 'old_rows'}) > ${BULK_ROWS} THEN
        PERFORM training.jma_certificate_counts_refresh();
      ELSE${branch(op)}
      END IF;`,
    ).join('\n    ')}
    END IF;`,
    declare,
  )}
  $$`;

/** The triggers: [table, trigger-name prefix, function]. */
const TRIGGERS = [
  ['training.certificate', 'jma_certificate_counts', 'jma_certificate_counts_certificate'],
  ['training.attendance', 'jma_certificate_counts', 'jma_certificate_counts_attendance'],
  ['membership.membership', 'jma_certificate_counts', 'jma_certificate_counts_membership'],
] as const;

/** The recount (what the counts must equal), as the refresh after TRUNCATE and the backfill. */
const POPULATION_CERTIFICATES = `SELECT c.person_id, c.program_code, c.valid_from, c.valid_to FROM training.certificate c
   WHERE ${inPopulation('c.person_id')}`;

export class JmaCertificateCounts1796710000000 implements MigrationInterface {
  name = 'JmaCertificateCounts1796710000000';

  /**
   * Maintained certificate statistics of the JMA's training-statistics population (its current
   * members and the JMA-programme participants: the training exception), so that the JMA's
   * certificateHolders (by programme, or of one) and certificateExpiryForecast read a few thousand
   * count rows instead of building the population:
   * - jma_holding_count (programme, holding period): a person's certificates of one programme merged
   *   into periods; a day's holders are the periods containing it (computed for the day asked);
   * - jma_expiry_count (programme, expiry day): certificates; the forecast groups by fiscal year.
   * Kept in the same transaction as the writes, by statement triggers with transition tables on
   * training.certificate (the changed persons' periods recomputed from their certificates before and
   * after the statement), training.attendance and membership.membership (a person whose attendance
   * or JMA membership takes them into or out of the population adds or removes all their
   * certificates). The functions are SECURITY DEFINER (the membership role writes training's counts;
   * the training role reads membership's rows) and read as SYSTEM. TRUNCATE of any of the three, a
   * bulk statement (BULK_ROWS) and a session's programme change (no write path does that) recount.
   * The seed loader (COPY with triggers off) recounts after its load
   * (REFRESH_JMA_CERTIFICATE_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jma_holding_count" ("program_code" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date NOT NULL, "holders" integer NOT NULL, CONSTRAINT "PK_jma_holding_count" PRIMARY KEY ("program_code", "valid_from", "valid_to"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "jma_expiry_count" ("program_code" text NOT NULL, "valid_to" date NOT NULL, "certificates" integer NOT NULL, CONSTRAINT "PK_jma_expiry_count" PRIMARY KEY ("program_code", "valid_to"))`,
    );
    await queryRunner.query(`
      CREATE FUNCTION training.jma_certificate_counts_add(persons uuid[], delta integer) RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        ${addHolders(
          `SELECT program_code, valid_from, valid_to, delta AS d FROM (${periods(
            'SELECT person_id, program_code, valid_from, valid_to FROM training.certificate WHERE person_id = ANY (persons)',
          )}) h`,
        )}
        ${addExpiries('SELECT program_code, valid_to, delta AS d FROM training.certificate WHERE person_id = ANY (persons)')}
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION training.jma_certificate_counts_refresh() RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        DELETE FROM training.jma_holding_count;
        DELETE FROM training.jma_expiry_count;
        ${addHolders(`SELECT program_code, valid_from, valid_to, 1 AS d FROM (${periods(POPULATION_CERTIFICATES)}) h`)}
        ${addExpiries(`SELECT program_code, valid_to, 1 AS d FROM (${POPULATION_CERTIFICATES}) c`)}
      $$`);
    // only the triggers (running as the owner) may change the counts
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION training.jma_certificate_counts_add(uuid[], integer) FROM PUBLIC`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION training.jma_certificate_counts_refresh() FROM PUBLIC`);
    await queryRunner.query(triggerFunction('jma_certificate_counts_certificate', '', certificateBranch));
    await queryRunner.query(
      triggerFunction(
        'jma_certificate_counts_attendance',
        ' entering uuid[]; leaving uuid[];',
        attendanceBranch,
      ),
    );
    await queryRunner.query(
      triggerFunction(
        'jma_certificate_counts_membership',
        ' entering uuid[]; leaving uuid[];',
        membershipBranch,
      ),
    );
    await queryRunner.query(`
      CREATE FUNCTION training.jma_certificate_counts_session() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp AS $$
      ${asSystem('PERFORM training.jma_certificate_counts_refresh();')}
      $$`);

    for (const [table, prefix, fn] of TRIGGERS) {
      await queryRunner.query(`
        CREATE TRIGGER "${prefix}_insert" AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "${prefix}_update" AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "${prefix}_delete" AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "${prefix}_truncate" AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION training.${fn}()`);
    }
    await queryRunner.query(`
      CREATE TRIGGER "jma_certificate_counts_program" AFTER UPDATE OF program_code ON training.training_session
        FOR EACH STATEMENT EXECUTE FUNCTION training.jma_certificate_counts_session()`);

    // backfill as a SYSTEM viewer (row security is forced on the owner too)
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(`SELECT training.jma_certificate_counts_refresh()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "jma_certificate_counts_program" ON training.training_session`);
    for (const [table, prefix] of TRIGGERS)
      for (const t of ['insert', 'update', 'delete', 'truncate'])
        await queryRunner.query(`DROP TRIGGER "${prefix}_${t}" ON ${table}`);
    for (const fn of ['certificate', 'attendance', 'membership', 'session'])
      await queryRunner.query(`DROP FUNCTION training.jma_certificate_counts_${fn}()`);
    await queryRunner.query(`DROP FUNCTION training.jma_certificate_counts_refresh()`);
    await queryRunner.query(`DROP FUNCTION training.jma_certificate_counts_add(uuid[], integer)`);
    await queryRunner.query(`DROP TABLE "jma_expiry_count"`);
    await queryRunner.query(`DROP TABLE "jma_holding_count"`);
  }
}
