import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The maintained member statistics' tables, with the delta of one statement's rows (+1 / -1). */
const SUMMARIES = [
  {
    table: 'member_prefecture_count',
    keys: 'association_id, category, prefecture_code',
    select: 'association_id, category, coalesce(person_prefecture_code, 0)',
  },
  {
    table: 'member_birth_count',
    keys: 'association_id, sex, birth_date',
    select: 'association_id, person_sex, person_birth_date',
  },
] as const;

/** One grouped upsert per summary, in key order, of the deltas in `deltas` (a FROM item). */
const applyDeltas = (deltas: (select: string) => string) =>
  SUMMARIES.map(
    (s) => `
          INSERT INTO membership.${s.table} AS c (${s.keys}, members)
          SELECT ${s.keys}, sum(d) FROM (${deltas(s.select)}) x (${s.keys}, d)
           GROUP BY ${s.keys} HAVING sum(d) <> 0 ORDER BY ${s.keys}
          ON CONFLICT (${s.keys}) DO UPDATE SET members = c.members + EXCLUDED.members;`,
  ).join('');

const ACTIVE = `status = 'ACTIVE' AND person_sex IS NOT NULL AND person_birth_date IS NOT NULL`;

export class MemberProfileCounts1796664987889 implements MigrationInterface {
  name = 'MemberProfileCounts1796664987889';

  /**
   * Maintained member statistics (Statistics.members by prefecture, and by age band and sex,
   * without scanning the population):
   * - membership.person_sex / person_prefecture_code / person_birth_date: the person's attributes
   *   copied onto each membership period, exactly as the kana sort key is (migration
   *   MemberPageOrder): the BEFORE trigger `membership_sort_key` now sets all five from the person
   *   on every insert and change of person (direct writes are overwritten), and
   *   `person_sort_key_changed` copies a change of any of them to the person's periods.
   * - member_prefecture_count (association, category, prefecture; 0 = none) and
   *   member_birth_count (association, sex, birth date): ACTIVE periods, kept by statement triggers
   *   with transition tables (one grouped upsert per statement and table, in key order) on insert,
   *   update and delete of membership.membership; TRUNCATE empties them. A person's sex and birth
   *   date are NOT NULL (membership.person), so every ACTIVE period is counted in both.
   * The seed loader (COPY with triggers off) writes the copied columns itself and refreshes the
   * counts (REFRESH_ACTIVE_MEMBER_COUNTS_SQL).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "member_prefecture_count" ("association_id" uuid NOT NULL, "category" text NOT NULL, "prefecture_code" smallint NOT NULL, "members" integer NOT NULL, CONSTRAINT "PK_82ba6014ebeee0fbe121456eff9" PRIMARY KEY ("association_id", "category", "prefecture_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "member_birth_count" ("association_id" uuid NOT NULL, "sex" text NOT NULL, "birth_date" date NOT NULL, "members" integer NOT NULL, CONSTRAINT "PK_01d477d12f950951a257431f9d7" PRIMARY KEY ("association_id", "sex", "birth_date"))`,
    );
    await queryRunner.query(`ALTER TABLE "membership" ADD "person_sex" text`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "person_prefecture_code" smallint`);
    await queryRunner.query(`ALTER TABLE "membership" ADD "person_birth_date" date`);

    // backfill as a SYSTEM viewer (row security is forced on the owner too), before the triggers
    await queryRunner.query(`SELECT set_config('mamis.viewer_kind', 'SYSTEM', true)`);
    await queryRunner.query(
      `UPDATE "membership"."membership" m
          SET person_sex = p.sex, person_prefecture_code = p.prefecture_code, person_birth_date = p.birth_date
         FROM "membership"."person" p WHERE p.id = m.person_id`,
    );
    for (const s of SUMMARIES)
      await queryRunner.query(
        `INSERT INTO "membership"."${s.table}" (${s.keys}, members)
         SELECT ${s.select}, count(*) FROM "membership"."membership" WHERE ${ACTIVE} GROUP BY 1, 2, 3`,
      );

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "membership"."membership_sort_key"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.family_name_kana, p.given_name_kana, p.sex, p.prefecture_code, p.birth_date
          INTO NEW.family_name_kana, NEW.given_name_kana, NEW.person_sex, NEW.person_prefecture_code, NEW.person_birth_date
          FROM membership.person p WHERE p.id = NEW.person_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "membership_sort_key" ON "membership"."membership"`);
    await queryRunner.query(`
      CREATE TRIGGER "membership_sort_key" BEFORE INSERT OR UPDATE OF person_id, family_name_kana, given_name_kana,
          person_sex, person_prefecture_code, person_birth_date
        ON "membership"."membership" FOR EACH ROW EXECUTE FUNCTION "membership"."membership_sort_key"()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "membership"."person_sort_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE membership.membership
           SET family_name_kana = NEW.family_name_kana, given_name_kana = NEW.given_name_kana,
               person_sex = NEW.sex, person_prefecture_code = NEW.prefecture_code, person_birth_date = NEW.birth_date
         WHERE person_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`DROP TRIGGER "person_sort_key_changed" ON "membership"."person"`);
    await queryRunner.query(`
      CREATE TRIGGER "person_sort_key_changed" AFTER UPDATE OF family_name_kana, given_name_kana, sex, prefecture_code, birth_date
        ON "membership"."person" FOR EACH ROW
        WHEN (OLD.family_name_kana IS DISTINCT FROM NEW.family_name_kana
              OR OLD.given_name_kana IS DISTINCT FROM NEW.given_name_kana
              OR OLD.sex IS DISTINCT FROM NEW.sex
              OR OLD.prefecture_code IS DISTINCT FROM NEW.prefecture_code
              OR OLD.birth_date IS DISTINCT FROM NEW.birth_date)
        EXECUTE FUNCTION "membership"."person_sort_key_changed"()`);

    await queryRunner.query(`
      CREATE FUNCTION "membership"."member_profile_count_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          ${SUMMARIES.map((s) => `DELETE FROM membership.${s.table};`).join(' ')}
        ELSIF TG_OP = 'INSERT' THEN${applyDeltas((sel) => `SELECT ${sel}, 1 FROM new_rows WHERE ${ACTIVE}`)}
        ELSIF TG_OP = 'DELETE' THEN${applyDeltas((sel) => `SELECT ${sel}, -1 FROM old_rows WHERE ${ACTIVE}`)}
        ELSE${applyDeltas(
          (sel) =>
            `SELECT ${sel}, 1 FROM new_rows WHERE ${ACTIVE} UNION ALL SELECT ${sel}, -1 FROM old_rows WHERE ${ACTIVE}`,
        )}
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "member_profile_count_insert" AFTER INSERT ON "membership"."membership"
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_profile_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_profile_count_update" AFTER UPDATE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_profile_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_profile_count_delete" AFTER DELETE ON "membership"."membership"
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_profile_count_apply"()`);
    await queryRunner.query(`
      CREATE TRIGGER "member_profile_count_truncate" AFTER TRUNCATE ON "membership"."membership"
        FOR EACH STATEMENT EXECUTE FUNCTION "membership"."member_profile_count_apply"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER "member_profile_count_${t}" ON "membership"."membership"`);
    await queryRunner.query(`DROP FUNCTION "membership"."member_profile_count_apply"()`);
    // the copy triggers as migration MemberPageOrder made them (the kana name only)
    await queryRunner.query(`DROP TRIGGER "person_sort_key_changed" ON "membership"."person"`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "membership"."person_sort_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`DROP TRIGGER "membership_sort_key" ON "membership"."membership"`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "membership"."membership_sort_key"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.family_name_kana, p.given_name_kana INTO NEW.family_name_kana, NEW.given_name_kana
          FROM membership.person p WHERE p.id = NEW.person_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER "membership_sort_key" BEFORE INSERT OR UPDATE OF person_id, family_name_kana, given_name_kana
        ON "membership"."membership" FOR EACH ROW EXECUTE FUNCTION "membership"."membership_sort_key"()`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "person_birth_date"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "person_prefecture_code"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "person_sex"`);
    await queryRunner.query(`DROP TABLE "member_birth_count"`);
    await queryRunner.query(`DROP TABLE "member_prefecture_count"`);
  }
}
