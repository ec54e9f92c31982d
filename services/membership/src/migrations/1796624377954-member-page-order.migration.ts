import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberPageOrder1796624377954 implements MigrationInterface {
  name = 'MemberPageOrder1796624377954';

  /**
   * Association.members as an index range in page order, and a maintained member count:
   * - membership.family_name_kana / given_name_kana: the person's kana name on each membership
   *   period (collation "C" as on membership.person), with membership_member_page_idx (association,
   *   status, kana, person). Set by a BEFORE trigger from membership.person on every insert and on
   *   a change of person (direct writes of the two columns are overwritten), and copied again when
   *   a person's kana changes (AFTER trigger on membership.person): the same transaction as the
   *   write, whichever code path writes.
   * - membership.active_member_count: ACTIVE periods per association and category, kept by
   *   statement triggers (transition tables: one grouped upsert per statement, in key order) on
   *   insert, update and delete; TRUNCATE empties it.
   * The triggers run with the writer's rights and row security (the service writes inside its
   * write transactions, where the person is readable). A bulk load that skips triggers
   * (session_replication_role = replica: infra/seed) fills both itself.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "active_member_count" ("association_id" uuid NOT NULL, "category" text NOT NULL, "members" integer NOT NULL, CONSTRAINT "PK_2ca7f99b91731712c98dc0d75b7" PRIMARY KEY ("association_id", "category"))`,
    );
    await queryRunner.query(`ALTER TABLE "membership" ADD "family_name_kana" text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "given_name_kana" text COLLATE "C"`);
    // backfill: as a SYSTEM viewer for this transaction, so that row security (forced on the
    // owner too) hides no row whichever role runs the migrations
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(
      `UPDATE "membership"."membership" m SET family_name_kana = p.family_name_kana, given_name_kana = p.given_name_kana
         FROM "membership"."person" p WHERE p.id = m.person_id`,
    );
    await queryRunner.query(
      `INSERT INTO "membership"."active_member_count" (association_id, category, members)
       SELECT association_id, category, count(*) FROM "membership"."membership" WHERE status = 'ACTIVE'
        GROUP BY association_id, category`,
    );
    await queryRunner.query(
      `CREATE INDEX "membership_member_page_idx" ON "membership" ("association_id", "status", "family_name_kana", "given_name_kana", "person_id") `,
    );

    await queryRunner.query(`
      CREATE FUNCTION "membership"."membership_sort_key"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.family_name_kana, p.given_name_kana INTO NEW.family_name_kana, NEW.given_name_kana
          FROM membership.person p WHERE p.id = NEW.person_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "membership_sort_key" BEFORE INSERT OR UPDATE OF person_id, family_name_kana, given_name_kana
        ON "membership"."membership" FOR EACH ROW EXECUTE FUNCTION "membership"."membership_sort_key"()`);
    await queryRunner.query(`
      CREATE FUNCTION "membership"."person_sort_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE membership.membership SET family_name_kana = NEW.family_name_kana, given_name_kana = NEW.given_name_kana
         WHERE person_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "person_sort_key_changed" AFTER UPDATE OF family_name_kana, given_name_kana
        ON "membership"."person" FOR EACH ROW
        WHEN (OLD.family_name_kana IS DISTINCT FROM NEW.family_name_kana
              OR OLD.given_name_kana IS DISTINCT FROM NEW.given_name_kana)
        EXECUTE FUNCTION "membership"."person_sort_key_changed"()`);

    await queryRunner.query(`
      CREATE FUNCTION "membership"."active_member_count_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM membership.active_member_count;
        ELSIF TG_OP = 'INSERT' THEN
          INSERT INTO membership.active_member_count AS c (association_id, category, members)
          SELECT association_id, category, count(*) FROM new_rows WHERE status = 'ACTIVE'
           GROUP BY association_id, category ORDER BY association_id, category
          ON CONFLICT (association_id, category) DO UPDATE SET members = c.members + EXCLUDED.members;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO membership.active_member_count AS c (association_id, category, members)
          SELECT association_id, category, -count(*) FROM old_rows WHERE status = 'ACTIVE'
           GROUP BY association_id, category ORDER BY association_id, category
          ON CONFLICT (association_id, category) DO UPDATE SET members = c.members + EXCLUDED.members;
        ELSE
          INSERT INTO membership.active_member_count AS c (association_id, category, members)
          SELECT association_id, category, sum(d) FROM (
                   SELECT association_id, category, 1 AS d FROM new_rows WHERE status = 'ACTIVE'
                   UNION ALL
                   SELECT association_id, category, -1 FROM old_rows WHERE status = 'ACTIVE') x
           GROUP BY association_id, category HAVING sum(d) <> 0 ORDER BY association_id, category
          ON CONFLICT (association_id, category) DO UPDATE SET members = c.members + EXCLUDED.members;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "active_member_count_insert" AFTER INSERT ON "membership"."membership"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."active_member_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "active_member_count_update" AFTER UPDATE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."active_member_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "active_member_count_delete" AFTER DELETE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."active_member_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "active_member_count_truncate" AFTER TRUNCATE ON "membership"."membership"
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."active_member_count_apply"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "active_member_count_${t}" ON "membership"."membership"`);
    await queryRunner.query(`DROP FUNCTION "membership"."active_member_count_apply"()`);
    await queryRunner.query(`DROP TRIGGER "person_sort_key_changed" ON "membership"."person"`);
    await queryRunner.query(`DROP FUNCTION "membership"."person_sort_key_changed"()`);
    await queryRunner.query(`DROP TRIGGER "membership_sort_key" ON "membership"."membership"`);
    await queryRunner.query(`DROP FUNCTION "membership"."membership_sort_key"()`);
    await queryRunner.query(`DROP INDEX "membership"."membership_member_page_idx"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "given_name_kana"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "family_name_kana"`);
    await queryRunner.query(`DROP TABLE "active_member_count"`);
  }
}
