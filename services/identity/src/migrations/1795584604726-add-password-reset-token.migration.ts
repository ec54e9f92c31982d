import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPasswordResetToken1795584604726 implements MigrationInterface {
  name = 'AddPasswordResetToken1795584604726';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "password_reset_token" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_838af121380dfe3a6330e04f5bb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4a4ecaa68c52c3120b09bf818e" ON "password_reset_token" ("account_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a802f319abf4af2432d629dfe5" ON "password_reset_token" ("token_hash") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "identity"."IDX_a802f319abf4af2432d629dfe5"`);
    await queryRunner.query(`DROP INDEX "identity"."IDX_4a4ecaa68c52c3120b09bf818e"`);
    await queryRunner.query(`DROP TABLE "password_reset_token"`);
  }
}
