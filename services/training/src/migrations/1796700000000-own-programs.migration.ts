import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An association's own training programmes (別表1-7): the association that defined one. */
export class OwnPrograms1796700000000 implements MigrationInterface {
  name = 'OwnPrograms1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_program" ADD "owner_association_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "training_program" DROP COLUMN "owner_association_id"`);
  }
}
