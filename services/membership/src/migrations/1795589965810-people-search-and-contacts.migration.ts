import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleSearchAndContacts1795589965810 implements MigrationInterface {
  name = 'PeopleSearchAndContacts1795589965810';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "association" ADD "postal_code" text`);
    await queryRunner.query(`ALTER TABLE "association" ADD "address" text`);
    await queryRunner.query(`ALTER TABLE "association" ADD "phone" text`);
    await queryRunner.query(`ALTER TABLE "association" ADD "fax" text`);
    await queryRunner.query(`ALTER TABLE "association" ADD "email" text`);
    await queryRunner.query(`ALTER TABLE "association" ADD "url" text`);
    await queryRunner.query(`ALTER TABLE "membership_application" ADD "closed_reason" text`);
    // people(search): prefix search on the whole name, kana and kanji (LIKE 'x%' needs
    // text_pattern_ops under a non-C collation); written by hand, the entity marks them synchronize: false
    await queryRunner.query(
      `CREATE INDEX "person_kana_prefix_idx" ON "person" ((family_name_kana || given_name_kana) text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "person_name_prefix_idx" ON "person" ((family_name || given_name) text_pattern_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."person_name_prefix_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."person_kana_prefix_idx"`);
    await queryRunner.query(`ALTER TABLE "membership_application" DROP COLUMN "closed_reason"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "url"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "fax"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "phone"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "address"`);
    await queryRunner.query(`ALTER TABLE "association" DROP COLUMN "postal_code"`);
  }
}
