import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The payment state of an invoice row (as DUES_PAYMENT_STATUS_SQL in member-order.sql.ts). */
const STATE = `CASE WHEN paid_yen >= amount_yen THEN 'PAID' WHEN paid_yen > 0 THEN 'PARTIAL' ELSE 'UNPAID' END`;

/** One row's contribution, signed: invoices, yen invoiced, yen collected. */
const delta = (rows: string, sign: 1 | -1) =>
  `SELECT association_id, fiscal_year, ${STATE}, ${sign}, ${sign} * amount_yen::bigint,
          ${sign} * least(paid_yen, amount_yen)::bigint
     FROM ${rows} WHERE amount_yen > 0`;

/** One grouped upsert of the deltas (a FROM item), in key order. */
const applyDeltas = (deltas: string) => `
          INSERT INTO membership.dues_collection_count AS c
                 (association_id, fiscal_year, payment_status, invoices, invoiced_yen, collected_yen)
          SELECT k1, k2, k3, sum(n), sum(inv), sum(col) FROM (${deltas}) x (k1, k2, k3, n, inv, col)
           GROUP BY k1, k2, k3 HAVING sum(n) <> 0 OR sum(inv) <> 0 OR sum(col) <> 0 ORDER BY k1, k2, k3
          ON CONFLICT (association_id, fiscal_year, payment_status) DO UPDATE
             SET invoices = c.invoices + EXCLUDED.invoices, invoiced_yen = c.invoiced_yen + EXCLUDED.invoiced_yen,
                 collected_yen = c.collected_yen + EXCLUDED.collected_yen;`;

export class DuesCollectionCounts1796670000000 implements MigrationInterface {
  name = 'DuesCollectionCounts1796670000000';

  /**
   * Maintained dues collection (Statistics.duesCollection without reading the association's
   * invoices): membership.dues_collection_count per association, fiscal year and payment state
   * (PAID / PARTIAL / UNPAID) of the invoices with amount_yen > 0 — invoices, yen invoiced, yen
   * collected (the paid yen up to the amount). Kept by statement triggers with transition tables
   * (one grouped upsert per statement, in key order) on insert, update and delete of
   * membership.dues_invoice: every invoice run, payment, bank import and cancellation changes the
   * summary in its own transaction; TRUNCATE empties it. The seed loader refreshes it from the
   * recount after its bulk load (REFRESH_ACTIVE_MEMBER_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dues_collection_count" ("association_id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "payment_status" text NOT NULL, "invoices" integer NOT NULL, "invoiced_yen" bigint NOT NULL, "collected_yen" bigint NOT NULL, CONSTRAINT "PK_1ddde9550133e94ed8d07fd635e" PRIMARY KEY ("association_id", "fiscal_year", "payment_status"))`,
    );
    // backfill as a SYSTEM viewer (row security is forced on the owner too), before the triggers
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(
      `INSERT INTO "membership"."dues_collection_count"
              (association_id, fiscal_year, payment_status, invoices, invoiced_yen, collected_yen)
       SELECT association_id, fiscal_year, ${STATE}, count(*), sum(amount_yen), sum(least(paid_yen, amount_yen))
         FROM "membership"."dues_invoice" WHERE amount_yen > 0 GROUP BY 1, 2, 3`,
    );
    await queryRunner.query(`
      CREATE FUNCTION "membership"."dues_collection_count_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM membership.dues_collection_count;
        ELSIF TG_OP = 'INSERT' THEN${applyDeltas(delta('new_rows', 1))}
        ELSIF TG_OP = 'DELETE' THEN${applyDeltas(delta('old_rows', -1))}
        ELSE${applyDeltas(`${delta('new_rows', 1)} UNION ALL ${delta('old_rows', -1)}`)}
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "dues_collection_count_insert" AFTER INSERT ON "membership"."dues_invoice"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."dues_collection_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "dues_collection_count_update" AFTER UPDATE ON "membership"."dues_invoice"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."dues_collection_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "dues_collection_count_delete" AFTER DELETE ON "membership"."dues_invoice"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."dues_collection_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "dues_collection_count_truncate" AFTER TRUNCATE ON "membership"."dues_invoice"
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."dues_collection_count_apply"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "dues_collection_count_${t}" ON "membership"."dues_invoice"`);
    await queryRunner.query(`DROP FUNCTION "membership"."dues_collection_count_apply"()`);
    await queryRunner.query(`DROP TABLE "dues_collection_count"`);
  }
}
