import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fiscal year (April–March) of a date column (as fiscalYearSql in member-order.sql.ts). */
const fy = (col: string) =>
  `(extract(year FROM ${col})::int - CASE WHEN extract(month FROM ${col}) < 4 THEN 1 ELSE 0 END)`;

/** The JOIN and LEAVE events of a set of membership rows, each with a sign (an SQL expression). */
const events = (rows: string, sign: string) =>
  `SELECT association_id, person_id, ${fy('joined_on')} AS fiscal_year, 'JOIN' AS flow, ${sign} AS d FROM ${rows}
   UNION ALL
   SELECT association_id, person_id, ${fy('left_on')}, 'LEAVE', ${sign} FROM ${rows} WHERE left_on IS NOT NULL`;

/**
 * The spans of a set of membership rows (association_id, person_id, joined_on, left_on): per
 * association and person, one row (the previous fiscal year with an event or 0, the fiscal year)
 * per distinct fiscal year with an event; with a sign.
 */
const spans = (rows: string, sign: number) =>
  `SELECT association_id, coalesce(lag(fiscal_year) OVER (PARTITION BY association_id, person_id ORDER BY fiscal_year), 0),
          fiscal_year, ${sign}
     FROM (SELECT DISTINCT association_id, person_id, fiscal_year FROM (${events(`(${rows}) s`, '1')}) e) y`;

/**
 * The statements of one trigger run over the changed rows (`rows`: a FROM item of the changed old
 * rows with d = -1 and new rows with d = 1: id, association_id, person_id, joined_on, left_on, d).
 * The spans of the (association, person) pairs concerned: before = their periods now, less the
 * changed new rows, plus the changed old rows; after = their periods now.
 */
const apply = (rows: string) => {
  const changed = `(${rows}) r`;
  const pairs = `(SELECT DISTINCT association_id, person_id FROM ${changed})`;
  const now = `SELECT m.id, m.association_id, m.person_id, m.joined_on, m.left_on FROM membership.membership m
                 JOIN ${pairs} p ON p.association_id = m.association_id AND p.person_id = m.person_id`;
  const before = `SELECT n.association_id, n.person_id, n.joined_on, n.left_on FROM (${now}) n
                   WHERE n.id NOT IN (SELECT id FROM ${changed} WHERE d = 1)
                  UNION ALL SELECT association_id, person_id, joined_on, left_on FROM ${changed} WHERE d = -1`;
  return `
          -- the persons' spans are read from their periods: one writer per association and person at a time
          PERFORM pg_advisory_xact_lock(k) FROM (
            SELECT DISTINCT hashtextextended('member_flow:' || association_id::text || '/' || person_id::text, 0) AS k
              FROM ${changed} ORDER BY 1) l;
          INSERT INTO membership.member_flow_count AS c (association_id, fiscal_year, flow, periods)
          SELECT association_id, fiscal_year, flow, sum(d) FROM (${events(changed, 'r.d')}) e
           GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (association_id, fiscal_year, flow) DO UPDATE SET periods = c.periods + EXCLUDED.periods;
          INSERT INTO membership.member_flow_span AS c (association_id, previous_year, fiscal_year, persons)
          SELECT k1, k2, k3, sum(d) FROM (${spans(before, -1)} UNION ALL ${spans(now, 1)}) x (k1, k2, k3, d)
           GROUP BY k1, k2, k3 HAVING sum(d) <> 0 ORDER BY k1, k3, k2
          ON CONFLICT (association_id, fiscal_year, previous_year) DO UPDATE SET persons = c.persons + EXCLUDED.persons;`;
};

/** An updated row whose flow may differ (anything else leaves the flow as it was). */
const CHANGED = `(o.association_id, o.person_id, o.joined_on, o.left_on) IS DISTINCT FROM (n.association_id, n.person_id, n.joined_on, n.left_on)`;
const cols = (t: string, d: number) =>
  `SELECT ${t}.id, ${t}.association_id, ${t}.person_id, ${t}.joined_on, ${t}.left_on, ${d} AS d`;

export class MemberFlowCounts1796670000001 implements MigrationInterface {
  name = 'MemberFlowCounts1796670000001';

  /**
   * Maintained member flow (Statistics.memberFlow without reading the association's periods):
   * - member_flow_count: membership periods per association, fiscal year and flow (JOIN: the
   *   fiscal year of joined_on, LEAVE: of left_on) — the cells;
   * - member_flow_span: per association, for every person and every distinct fiscal year y they
   *   have an event in, one count at (y, the person's previous such year or 0). A person has an
   *   event in the fiscal years [a, b] iff exactly one of their spans has previous < a <= y <= b
   *   (y: their first event year at or after a), so the population (distinct persons with an event
   *   in the range) is the sum of the counts with previous_year < a and fiscal_year between a and b.
   * Kept by statement triggers with transition tables on insert, update and delete of
   * membership.membership, in the write's transaction: the counts by a grouped upsert of the
   * changed rows' events; the spans of the (association, person) pairs concerned recomputed from
   * their periods before and after (under a transaction advisory lock per pair, so two writers of
   * one person's periods take turns). An update that changes no association, person or date
   * changes nothing. The function reads the periods as the SYSTEM viewer (its own setting,
   * restored on return): the counts must not depend on who wrote. TRUNCATE empties both. The seed
   * loader refreshes them from the recount (REFRESH_ACTIVE_MEMBER_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_flow_count" ("association_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "flow" text NOT NULL, "periods" integer NOT NULL, CONSTRAINT "PK_12472742b875fda6037bbf7ba0e" PRIMARY KEY ("association_id", "fiscal_year", "flow"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_flow_span" ("association_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "previous_year" integer NOT NULL, "persons" integer NOT NULL, CONSTRAINT "PK_2428012bf3de02d5d740116ceaf" PRIMARY KEY ("association_id", "fiscal_year", "previous_year"))`,
    );
    // backfill as a SYSTEM viewer (row security is forced on the owner too), before the triggers
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(`
      INSERT INTO "membership"."member_flow_count" (association_id, fiscal_year, flow, periods)
      SELECT association_id, fiscal_year, flow, count(*) FROM (${events('membership.membership', '1')}) e GROUP BY 1, 2, 3`);
    await queryRunner.query(`
      INSERT INTO "membership"."member_flow_span" (association_id, previous_year, fiscal_year, persons)
      SELECT k1, k2, k3, count(*) FROM (${spans('SELECT * FROM membership.membership', 1)}) x (k1, k2, k3, d)
       GROUP BY 1, 2, 3`);

    await queryRunner.query(`
      CREATE FUNCTION "membership"."member_flow_apply"() RETURNS trigger LANGUAGE plpgsql
        SET mamis.viewer_kind = 'SYSTEM' AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM membership.member_flow_count;
          DELETE FROM membership.member_flow_span;
        ELSIF TG_OP = 'INSERT' THEN${apply(`${cols('n', 1)} FROM new_rows n`)}
        ELSIF TG_OP = 'DELETE' THEN${apply(`${cols('o', -1)} FROM old_rows o`)}
        ELSE
          IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${CHANGED}) THEN
            RETURN NULL;
          END IF;${apply(
            `${cols('n', 1)} FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${CHANGED}
             UNION ALL ${cols('o', -1)} FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${CHANGED}`,
          )}
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "member_flow_insert" AFTER INSERT ON "membership"."membership"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_flow_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_flow_update" AFTER UPDATE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_flow_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_flow_delete" AFTER DELETE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_flow_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_flow_truncate" AFTER TRUNCATE ON "membership"."membership"
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_flow_apply"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "member_flow_${t}" ON "membership"."membership"`);
    await queryRunner.query(`DROP FUNCTION "membership"."member_flow_apply"()`);
    await queryRunner.query(`DROP TABLE "member_flow_span"`);
    await queryRunner.query(`DROP TABLE "member_flow_count"`);
  }
}
