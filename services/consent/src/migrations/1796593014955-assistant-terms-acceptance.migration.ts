import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssistantTermsAcceptance1796593014955 implements MigrationInterface {
  name = 'AssistantTermsAcceptance1796593014955';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "terms_acceptance" ADD "principal_account_id" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "terms_acceptance" DROP COLUMN "principal_account_id"`);
  }
}
