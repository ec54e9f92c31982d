import type { MigrationInterface, QueryRunner } from 'typeorm';

// The SQL below is this migration's snapshot; the recount the tests compare with is in
// src/repositories/jma-insurance-counts.sql.ts.

/** The insured JMA categories (INSURED_CATEGORIES when this migration was written). */
const INSURED = `ARRAY['A①', 'A②(B)', 'A②(C)']::text[]`;

/**
 * Each person of `persons` (a FROM item with person_id) with their standing by the membership rows
 * `rows` (a FROM item with person_id, association_id, status, category): whether they are in the
 * JMA's insured population (an ACTIVE national membership of an insured category) and their
 * prefecture (that of the ACTIVE prefectural membership of the lowest association code, or
 * '(none)') — as the statistics scan decides them.
 */
const standing = (persons: string, rows: string) => `
  SELECT p.person_id,
         EXISTS (SELECT 1 FROM ${rows} x JOIN membership.association a ON a.id = x.association_id
                  WHERE x.person_id = p.person_id AND x.status = 'ACTIVE' AND a.tier = 'NATIONAL'
                    AND x.category = ANY (${INSURED}) OFFSET 0) AS inside,
         coalesce((SELECT a.prefecture_code::text FROM ${rows} x JOIN membership.association a ON a.id = x.association_id
                    WHERE x.person_id = p.person_id AND x.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                    ORDER BY a.code LIMIT 1), '(none)') AS prefecture
    FROM ${persons} p`;

/** The population now with each person's prefecture (the backfill and the recount). */
const POPULATION = `
  SELECT p.person_id, coalesce(pref.prefecture, '(none)') AS prefecture
    FROM (SELECT DISTINCT m.person_id FROM membership.membership m
            JOIN membership.association a ON a.id = m.association_id
           WHERE m.status = 'ACTIVE' AND a.tier = 'NATIONAL' AND m.category = ANY (${INSURED})) p
    LEFT JOIN (SELECT DISTINCT ON (m.person_id) m.person_id, a.prefecture_code::text AS prefecture
                 FROM membership.membership m JOIN membership.association a ON a.id = m.association_id
                WHERE m.status = 'ACTIVE' AND a.tier = 'PREFECTURAL'
                ORDER BY m.person_id, a.code) pref ON pref.person_id = p.person_id`;

type Op = 'INSERT' | 'UPDATE' | 'DELETE';
const OPS: Op[] = ['INSERT', 'UPDATE', 'DELETE'];
const hasNew = (op: Op) => op !== 'DELETE';
const hasOld = (op: Op) => op !== 'INSERT';

/**
 * The rows of one statement with +1 (new) / -1 (old); for an UPDATE only those whose `columns`
 * changed (an update of anything else changes no count).
 */
const changedRows = (op: Op, columns: string) => {
  const list = columns.split(', ');
  const select = ['id', ...list].map((c) => `r.${c}`).join(', ');
  if (op === 'INSERT') return `SELECT ${select}, 1 AS d FROM new_rows r`;
  if (op === 'DELETE') return `SELECT ${select}, -1 AS d FROM old_rows r`;
  const same = (other: string) =>
    `EXISTS (SELECT 1 FROM ${other} o WHERE o.id = r.id AND (${list.map((c) => `o.${c}`).join(', ')})
             IS NOT DISTINCT FROM (${list.map((c) => `r.${c}`).join(', ')}))`;
  return `SELECT ${select}, 1 AS d FROM new_rows r WHERE NOT ${same('old_rows')}
          UNION ALL SELECT ${select}, -1 AS d FROM old_rows r WHERE NOT ${same('new_rows')}`;
};

/**
 * Take the transaction advisory lock of every person of `persons` (uuid[]), in key order. A
 * person's standing and enrolments are read after the lock, in a new snapshot: a writer of the same
 * person's memberships or enrolments in another transaction has committed by then (its change is
 * seen) or will wait for this one (and see this one's). Without it, an enrolment and the end of the
 * person's JMA membership written at the same time would each miss the other.
 */
const lockPersons = (persons: string) => `
    PERFORM pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtextextended('jma_insurance:' || p::text, 0) AS k FROM unnest(${persons}) p ORDER BY 1) l;`;

/**
 * Statements of more rows than this recount instead of applying deltas (transition tables have no
 * statistics: the planner may join them row by row). The application writes a few rows at a time.
 */
const BULK_ROWS = 500;

const MEMBERSHIP_COLUMNS = 'person_id, association_id, status, category';

/**
 * Per statement on membership.membership: the persons whose national or prefectural rows changed,
 * their standing before the statement (today's rows but those it wrote, plus those it replaced) and
 * after it; a person whose standing changed takes away their old (prefecture, enrolled years) and
 * adds the new ones.
 */
const membershipBranch = (op: Op) => `
    SELECT array_agg(DISTINCT x.person_id) INTO persons FROM (${changedRows(op, MEMBERSHIP_COLUMNS)}) x
     WHERE EXISTS (SELECT 1 FROM membership.association a
                    WHERE a.id = x.association_id AND a.tier IN ('NATIONAL', 'PREFECTURAL'));
    IF persons IS NULL THEN RETURN NULL; END IF;
    ${lockPersons('persons')}
    WITH ps AS (SELECT unnest(persons) AS person_id),
         before AS (
           SELECT r.id, r.person_id, r.association_id, r.status, r.category FROM membership.membership r
            WHERE r.person_id IN (SELECT person_id FROM ps)${
              hasNew(op) ? ' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = r.id)' : ''
            }${
              hasOld(op)
                ? `
           UNION ALL SELECT r.id, r.person_id, r.association_id, r.status, r.category FROM old_rows r
            WHERE r.person_id IN (SELECT person_id FROM ps)`
                : ''
            }),
         was AS (${standing('ps', 'before')}),
         cur AS (${standing('ps', 'membership.membership')}),
         moves AS (
           SELECT w.person_id, w.prefecture, -1 AS d FROM was w JOIN cur n USING (person_id)
            WHERE w.inside AND NOT (n.inside AND n.prefecture = w.prefecture)
           UNION ALL
           SELECT n.person_id, n.prefecture, 1 FROM was w JOIN cur n USING (person_id)
            WHERE n.inside AND NOT (w.inside AND w.prefecture = n.prefecture))
    SELECT array_agg(person_id), array_agg(prefecture), array_agg(d) INTO persons, prefectures, deltas FROM moves;
    IF persons IS NOT NULL THEN
      PERFORM insurance_pension.jma_insurance_counts_add(persons, prefectures, deltas);
    END IF;`;

/**
 * Per statement on insurance_pension.insurance_enrolment: the rows whose person, year or status
 * changed, of persons in the population now (their memberships are not this statement's); one
 * enrolment per person and year (unique), so the ENROLLED rows in and out are the persons'.
 */
const enrolmentBranch = (op: Op) => `
    SELECT array_agg(DISTINCT x.person_id) INTO persons
      FROM (${changedRows(op, 'person_id, insurance_year, status')}) x WHERE x.status = 'ENROLLED';
    IF persons IS NULL THEN RETURN NULL; END IF;
    ${lockPersons('persons')}
    INSERT INTO insurance_pension.jma_enrolled_count AS c (insurance_year, prefecture, members)
    SELECT x.insurance_year, s.prefecture, sum(x.d)
      FROM (${changedRows(op, 'person_id, insurance_year, status')}) x
      JOIN (${standing('(SELECT unnest(persons) AS person_id)', 'membership.membership')}) s
        ON s.person_id = x.person_id AND s.inside
     WHERE x.status = 'ENROLLED'
     GROUP BY 1, 2 HAVING sum(x.d) <> 0 ORDER BY 1, 2
    ON CONFLICT (insurance_year, prefecture) DO UPDATE SET members = c.members + EXCLUDED.members;`;

/**
 * A statement trigger function, SECURITY DEFINER (the membership role changes insurance_pension's
 * counts; both read the other's rows) reading as the SYSTEM viewer (row security is forced, also
 * on the owner; the setting is the function's own, restored on return): recount on TRUNCATE and
 * after a bulk statement, else the branch of the operation.
 */
const triggerFunction = (name: string, branch: (op: Op) => string) => `
  CREATE FUNCTION insurance_pension.${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp SET mamis.viewer_kind = 'SYSTEM' AS $$
  DECLARE persons uuid[]; prefectures text[]; deltas integer[];
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      PERFORM insurance_pension.jma_insurance_counts_refresh();
    ${OPS.map(
      (op) => `ELSIF TG_OP = '${op}' THEN
      IF (SELECT count(*) FROM ${hasNew(op) ? 'new_rows' : 'old_rows'}) > ${BULK_ROWS} THEN
        PERFORM insurance_pension.jma_insurance_counts_refresh();
      ELSE${branch(op)}
      END IF;`,
    ).join('\n    ')}
    END IF;
    RETURN NULL;
  END $$`;

/** The triggers: [table, function]. */
const TRIGGERS = [
  ['membership.membership', 'jma_insurance_counts_membership'],
  ['insurance_pension.insurance_enrolment', 'jma_insurance_counts_enrolment'],
] as const;

export class JmaInsuranceCounts1796720000000 implements MigrationInterface {
  name = 'JmaInsuranceCounts1796720000000';

  /**
   * Maintained insurance enrolment of the JMA's population (its current members in an insured
   * category), so that the JMA's insuranceEnrolment (with or without byPrefecture) reads a few
   * hundred count rows instead of building the population:
   * - jma_insured_count (prefecture): the population by the prefecture of each person's
   *   prefectural association;
   * - jma_enrolled_count (insurance year, prefecture): those of them with an ENROLLED enrolment of
   *   the year (NOT_ENROLLED is the difference).
   * Nothing depends on the day (ACTIVE is a stored status), so nothing is keyed by it. Kept in the
   * same transaction as the writes by statement triggers with transition tables on
   * membership.membership (a person whose standing — in the population, prefecture — changed moves
   * with all their enrolled years) and insurance_pension.insurance_enrolment (an ENROLLED row in or
   * out of a person in the population), under a transaction advisory lock per person (the two
   * tables are written by different services' transactions). An association's tier, code or
   * prefecture changed (no write path does it), TRUNCATE of either table and a bulk statement
   * (BULK_ROWS) recount. The seed loader (COPY with triggers off) and erasure recount after their
   * writes (REFRESH_JMA_INSURANCE_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jma_insured_count" ("prefecture" text NOT NULL, "members" integer NOT NULL, CONSTRAINT "PK_jma_insured_count" PRIMARY KEY ("prefecture"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "jma_enrolled_count" ("insurance_year" smallint NOT NULL, "prefecture" text NOT NULL, "members" integer NOT NULL, CONSTRAINT "PK_jma_enrolled_count" PRIMARY KEY ("insurance_year", "prefecture"))`,
    );
    await queryRunner.query(`
      CREATE FUNCTION insurance_pension.jma_insurance_counts_add(persons uuid[], prefectures text[], deltas integer[])
        RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        INSERT INTO insurance_pension.jma_insured_count AS c (prefecture, members)
        SELECT prefecture, sum(d) FROM unnest(persons, prefectures, deltas) x (person_id, prefecture, d)
         GROUP BY 1 HAVING sum(d) <> 0 ORDER BY 1
        ON CONFLICT (prefecture) DO UPDATE SET members = c.members + EXCLUDED.members;
        INSERT INTO insurance_pension.jma_enrolled_count AS c (insurance_year, prefecture, members)
        SELECT e.insurance_year, x.prefecture, sum(x.d) FROM unnest(persons, prefectures, deltas) x (person_id, prefecture, d)
          JOIN insurance_pension.insurance_enrolment e ON e.person_id = x.person_id AND e.status = 'ENROLLED'
         GROUP BY 1, 2 HAVING sum(x.d) <> 0 ORDER BY 1, 2
        ON CONFLICT (insurance_year, prefecture) DO UPDATE SET members = c.members + EXCLUDED.members;
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION insurance_pension.jma_insurance_counts_refresh() RETURNS void
        LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
        DELETE FROM insurance_pension.jma_insured_count;
        DELETE FROM insurance_pension.jma_enrolled_count;
        INSERT INTO insurance_pension.jma_insured_count (prefecture, members)
        SELECT prefecture, count(*) FROM (${POPULATION}) p GROUP BY 1;
        INSERT INTO insurance_pension.jma_enrolled_count (insurance_year, prefecture, members)
        SELECT e.insurance_year, p.prefecture, count(*) FROM (${POPULATION}) p
          JOIN insurance_pension.insurance_enrolment e ON e.person_id = p.person_id AND e.status = 'ENROLLED'
         GROUP BY 1, 2;
      $$`);
    // only the triggers (running as the owner) may change the counts
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION insurance_pension.jma_insurance_counts_add(uuid[], text[], integer[]) FROM PUBLIC`,
    );
    await queryRunner.query(
      `REVOKE ALL ON FUNCTION insurance_pension.jma_insurance_counts_refresh() FROM PUBLIC`,
    );
    await queryRunner.query(triggerFunction('jma_insurance_counts_membership', membershipBranch));
    await queryRunner.query(triggerFunction('jma_insurance_counts_enrolment', enrolmentBranch));
    await queryRunner.query(`
      CREATE FUNCTION insurance_pension.jma_insurance_counts_association() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET mamis.viewer_kind = 'SYSTEM' AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.tier, n.code, n.prefecture_code) IS DISTINCT FROM (o.tier, o.code, o.prefecture_code)) THEN
          PERFORM insurance_pension.jma_insurance_counts_refresh();
        END IF;
        RETURN NULL;
      END $$`);

    for (const [table, fn] of TRIGGERS) {
      await queryRunner.query(`
        CREATE TRIGGER "jma_insurance_counts_insert" AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insurance_pension.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_insurance_counts_update" AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insurance_pension.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_insurance_counts_delete" AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insurance_pension.${fn}()`);
      await queryRunner.query(`
        CREATE TRIGGER "jma_insurance_counts_truncate" AFTER TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION insurance_pension.${fn}()`);
    }
    await queryRunner.query(`
      CREATE TRIGGER "jma_insurance_counts_update" AFTER UPDATE ON membership.association
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION insurance_pension.jma_insurance_counts_association()`);

    // backfill as a SYSTEM viewer (row security is forced on the owner too)
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(`SELECT insurance_pension.jma_insurance_counts_refresh()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "jma_insurance_counts_update" ON membership.association`);
    for (const [table] of TRIGGERS)
      for (const t of ['insert', 'update', 'delete', 'truncate'])
        await queryRunner.query(`DROP TRIGGER "jma_insurance_counts_${t}" ON ${table}`);
    for (const fn of ['membership', 'enrolment', 'association'])
      await queryRunner.query(`DROP FUNCTION insurance_pension.jma_insurance_counts_${fn}()`);
    await queryRunner.query(`DROP FUNCTION insurance_pension.jma_insurance_counts_refresh()`);
    await queryRunner.query(
      `DROP FUNCTION insurance_pension.jma_insurance_counts_add(uuid[], text[], integer[])`,
    );
    await queryRunner.query(`DROP TABLE "jma_enrolled_count"`);
    await queryRunner.query(`DROP TABLE "jma_insured_count"`);
  }
}
