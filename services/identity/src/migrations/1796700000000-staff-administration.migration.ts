import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffAdministration1796700000000 implements MigrationInterface {
  name = 'StaffAdministration1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "staff_invitation" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_staff_invitation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "staff_invitation_account_idx" ON "staff_invitation" ("account_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "staff_invitation_token_idx" ON "staff_invitation" ("token_hash") `,
    );
    await queryRunner.query(`ALTER TABLE "account" ADD "last_sign_in_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "account" DROP COLUMN "last_sign_in_at"`);
    await queryRunner.query(`DROP INDEX "identity"."staff_invitation_token_idx"`);
    await queryRunner.query(`DROP INDEX "identity"."staff_invitation_account_idx"`);
    await queryRunner.query(`DROP TABLE "staff_invitation"`);
  }
}
