import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExistenceRegistryMatch1795610000000 implements MigrationInterface {
  name = 'ExistenceRegistryMatch1795610000000';

  /**
   * An office that registers the registry number of a person it does not see keeps its own record,
   * awaiting a match with the holder (registry_match_of): registry numbers are unique among matched
   * persons only. (Written by hand: the generator's bootstrap applies the access views, which already
   * read the new column.)
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."IDX_7d32faa74ff012e3c804900d67"`);
    await queryRunner.query(`ALTER TABLE "person" ADD "registry_match_of" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "person_registry_number_key" ON "person" ("registry_number") WHERE registry_match_of IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "person_registry_match_of_idx" ON "person" ("registry_match_of") WHERE registry_match_of IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "membership"."person_registry_match_of_idx"`);
    await queryRunner.query(`DROP INDEX "membership"."person_registry_number_key"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "registry_match_of"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7d32faa74ff012e3c804900d67" ON "person" ("registry_number") `,
    );
  }
}
