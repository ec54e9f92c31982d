import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KanaSearchUnderRowSecurity1795598614273 implements MigrationInterface {
  name = 'KanaSearchUnderRowSecurity1795598614273';

  /**
   * people(search) under row-level security: LIKE on an expression cannot use an index there
   * (non-leakproof conditions run after the row-security predicate), so the expression indexes go;
   * the search is a range condition on person_kana_idx, whose kana columns get collation "C"
   * (code-point order, the same in every deployment). See PersonRepository.searchCondition.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."person_kana_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."person_name_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."person_kana_idx"`);
    await queryRunner.query(`ALTER TABLE "person" ALTER COLUMN "family_name_kana" TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE "person" ALTER COLUMN "given_name_kana" TYPE text COLLATE "C"`);
    await queryRunner.query(
      `CREATE INDEX "person_kana_idx" ON "person" ("family_name_kana", "given_name_kana", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."person_kana_idx"`);
    await queryRunner.query(
      `ALTER TABLE "person" ALTER COLUMN "given_name_kana" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ALTER COLUMN "family_name_kana" TYPE text COLLATE pg_catalog."default"`,
    );
    await queryRunner.query(
      `CREATE INDEX "person_kana_idx" ON "person" ("family_name_kana", "given_name_kana", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "person_kana_prefix_idx" ON "person" ((family_name_kana || given_name_kana) text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "person_name_prefix_idx" ON "person" ((family_name || given_name) text_pattern_ops)`,
    );
  }
}
